import { readArguments } from './ami-arguments.js';
import { amiFormat } from './ami-converter-names.js';
import { amiCsv, amiJson, amiText, amiXml, csvCell, escapeTextLine, escapeXml } from './ami-converters.js';
import { takeCredentials } from './take-credentials.js';
import { parseAmiCommand } from './parse-ami-command.js';

describe('parseAmiCommand', () => {
  // prettier-ignore
  it.each<[string, string, Record<string, string>]>([
    ['GetSWTagInfo -swTag="sw1"', 'GetSWTagInfo', { swTag: 'sw1' }],
    ['GetAMITagInfo -amiTag=sw12', 'GetAMITagInfo', { amiTag: 'sw12' }],
    [`AddSWTag -SWRELEASE="Athena 24.0.1" -COMMENT='a "quoted" note' -x`, 'AddSWTag', { SWRELEASE: 'Athena 24.0.1', COMMENT: 'a "quoted" note', x: '' }],
    ['UpdateSWTag --tagName="sw1" -COMMENT="say \\"hi\\""', 'UpdateSWTag', { tagName: 'sw1', COMMENT: 'say "hi"' }],
    // Only ever data: a shell-looking value is a value.
    ['DellImage -id=3;rm', 'DellImage', { id: '3;rm' }],
  ])('%s', (text, name, args) => {
    const parsed = parseAmiCommand(text);
    expect(parsed.name).toBe(name);
    expect(Object.fromEntries(parsed.args)).toEqual(args);
  });

  it.each(['', '-swTag=sw1', 'Get SWTagInfo -swTag=sw1 junk', 'DellImage -id="3"; rm -rf /'])(
    'refuses %j with a 400',
    (text) => {
      expect(() => parseAmiCommand(text)).toThrow(expect.objectContaining({ status: 400 }));
    },
  );

  // A credential the client misspelt is never echoed: errors give a position, not the text (review F1).
  it.each([
    'GetSWTagInfo -swTag=sw1 -AMIUser=alice -AMIPass = "shk_98cb36c88a75_2A1ZtyINmnI0NtXRBLRmXXXXXXXXXXXXXXXXXXXXXXXX"',
    'GetSWTagInfo -swTag=sw1 -AMIPass: shk_98cb36c88a75_2A1ZtyINmnI0NtXRBLRmXXXXXXXXXXXXXXXXXXXXXXXX',
    '"shk_98cb36c88a75_2A1ZtyINmnI0NtXRBLRmXXXXXXXXXXXXXXXXXXXXXXXX" GetSWTagInfo',
  ])('never quotes the text of %j in its error', (text) => {
    expect(() => parseAmiCommand(text)).toThrow(
      expect.objectContaining({ status: 400, description: expect.not.stringMatching(/shk_|2A1Zty/) }),
    );
  });

  it('says where the arguments stop being readable', () => {
    expect(() => parseAmiCommand('GetSWTagInfo -swTag=sw1 = x')).toThrow(
      expect.objectContaining({ description: expect.stringContaining('at character 25') }),
    );
  });

  // The same argument twice was last-one-wins, silently (review F3).
  it.each([
    ['UpdateSWTag -swTag=sw1 -comment=a -comment=b', 'comment'],
    ['UpdateImage -id=2 -hashDigest=sha256:00 -hashDigest=bogus', 'hashDigest'],
  ])('refuses %j, which gives -%s twice', (text, argument) => {
    expect(() => parseAmiCommand(text)).toThrow(
      expect.objectContaining({
        status: 400,
        description: expect.stringContaining(`-${argument} is given twice`),
      }),
    );
  });

  // An unbalanced quote is an error, never part of a value (it used to be kept as a literal `"abc`).
  it.each<[string, string]>([
    ['AddSWTag -COMMENT="abc', 'COMMENT'],
    ["AddSWTag -COMMENT='abc", 'COMMENT'],
    ['AddSWTag -VERSION=1 -COMMENT="say \\"hi\\"', 'COMMENT'],
    ['UpdateSWTag -tagName=sw1 -COMMENT=ab"c', 'COMMENT'],
    ['UpdateSWTag -tagName="sw1 -COMMENT=x', 'tagName'],
    ['GetSWTagInfo -swTag="sw1"x', 'swTag'],
  ])('refuses the unbalanced quote of %j with a 400 naming -%s', (text, argument) => {
    expect(() => parseAmiCommand(text)).toThrow(
      expect.objectContaining({ status: 400, description: expect.stringContaining(`-${argument} `) }),
    );
  });
});

describe('AMI converters', () => {
  const answer = {
    command: 'GetSWTagInfo',
    rowsets: [{ type: 'SWTAG', rows: [{ TAGNAME: 'sw1', COMMENT: 'a, "b" <c> & d' }] }],
    errors: [],
  };
  const failed = { command: 'GetSWTagInfo', rowsets: [], errors: ['no SW-Tag sw9'] };
  it("JSON in AMI's one-element-array shape: AMIMessage[0].Result[0].rowset, as pyAMI's dict_object reads it", () => {
    expect(JSON.parse(amiJson(answer))).toEqual({
      AMIMessage: [
        {
          command: [{ $: 'GetSWTagInfo' }],
          Result: [
            {
              rowset: [
                {
                  '@type': 'SWTAG',
                  row: [
                    {
                      field: [
                        { '@name': 'TAGNAME', $: 'sw1' },
                        { '@name': 'COMMENT', $: 'a, "b" <c> & d' },
                      ],
                    },
                  ],
                },
              ],
            },
          ],
        },
      ],
    });
    expect(JSON.parse(amiJson(failed)).AMIMessage[0].error).toEqual([{ $: 'no SW-Tag sw9' }]);
  });
  it('XML, escaped; errors as <error>', () => {
    expect(amiXml(answer)).toContain(
      '<rowset type="SWTAG">\n<row>\n<field name="TAGNAME">sw1</field>\n<field name="COMMENT">a, &quot;b&quot; &lt;c&gt; &amp; d</field>\n</row>\n</rowset>',
    );
    expect(amiXml(failed)).toContain('<error>no SW-Tag sw9</error>');
  });
  it("text in AMI's layout, and CSV", () => {
    expect(amiText(answer)).toBe(
      '#AMI Result\n\nRowset: SWTAG\n  -> row\n    -> TAGNAME = "sw1"\n    -> COMMENT = "a, \\"b\\" <c> & d"\n#\n',
    );
    expect(amiText(failed)).toBe('#AMI Result\n\nError: no SW-Tag sw9\n#\n');
    expect(amiCsv(answer)).toBe('TAGNAME,COMMENT\r\nsw1,"a, ""b"" <c> & d"\r\n');
    expect(amiCsv(failed)).toBe('#ERROR no SW-Tag sw9\r\n');
  });
  it.each<[string, string | undefined]>([
    ['', 'xml'],
    ['AMIXmlToXml.xsl', 'xml'],
    ['AMIXmlToJson.xsl', 'json'],
    ['AMIXmlToText.xsl', 'text'],
    ['AMIXmlToCsv.xsl', 'csv'],
    ['json', 'json'],
    ['csv', 'csv'],
    ['yaml', undefined],
    ['toString', undefined],
  ])('Converter %j is %s', (converter, format) => {
    expect(amiFormat(converter)).toBe(format);
  });
});

describe('escapeXml', () => {
  // prettier-ignore
  it.each<[string, string]>([
    ['plain', 'plain'],
    ['<a href="x">&\'', '&lt;a href=&quot;x&quot;&gt;&amp;&apos;'],
    ['nul\u0000esc\u001bbell\u0007', 'nul\ufffdesc\ufffdbell\ufffd'],
    ['lines\r\nand\ttabs', 'lines&#13;&#10;and&#9;tabs'],
    ['lone \ud800 surrogate, non-character \uffff', 'lone \ufffd surrogate, non-character \ufffd'],
    ['a pair stays: \u{1f600}, é, \u0085', 'a pair stays: \u{1f600}, é, \u0085'],
  ])('%j as %j', (value, expected) => {
    expect(escapeXml(value)).toBe(expected);
  });
});

describe('escapeTextLine', () => {
  // prettier-ignore
  it.each<[string, string]>([
    ['Athena 24.0.1', 'Athena 24.0.1'],
    ['x\nTAGNAME = sw9', 'x\\nTAGNAME = sw9'],
    ['cr\rlf', 'cr\\rlf'],
    ['back\\slash', 'back\\\\slash'],
    ['esc\u001b[31m nul\u0000 sep\u2028', 'esc\\u001b[31m nul\\u0000 sep\\u2028'],
  ])('%j as %j', (value, expected) => {
    expect(escapeTextLine(value)).toBe(expected);
  });
});

describe('csvCell', () => {
  // prettier-ignore
  it.each<[unknown, string]>([
    ['sw1', 'sw1'],
    [12, '12'],
    [null, ''],
    ['a, "b"', '"a, ""b"""'],
    ['=HYPERLINK("http://attacker.invalid","x")', '"\'=HYPERLINK(""http://attacker.invalid"",""x"")"'],
    ['+1+cmd|calc', '"\'+1+cmd|calc"'],
    ['-2+3', '"\'-2+3"'],
    ['@SUM(A1)', '"\'@SUM(A1)"'],
    ['\t=1', '"\'\t=1"'],
    ['\r=1', '"\'\r=1"'],
    ['a=1', 'a=1'],
  ])('%j as %j', (value, expected) => {
    expect(csvCell(value)).toBe(expected);
  });
});

describe('converters over hostile stored text', () => {
  const hostile = {
    command: 'GetSWTagInfo',
    rowsets: [{ type: 'SWTAG', rows: [{ TAGNAME: 'sw1', COMMENT: 'x\nTAGNAME = sw666\u0000' }] }],
    errors: [],
  };
  it('text keeps one line per field', () => {
    expect(amiText(hostile)).toBe(
      '#AMI Result\n\nRowset: SWTAG\n  -> row\n    -> TAGNAME = "sw1"\n    -> COMMENT = "x\\nTAGNAME = sw666\\u0000"\n#\n',
    );
  });
  it('XML carries no character XML 1.0 forbids', () => {
    expect(amiXml(hostile)).toContain('<field name="COMMENT">x&#10;TAGNAME = sw666\ufffd</field>');
  });
});

describe('takeCredentials', () => {
  it("takes pyAMI's -AMIUser and -AMIPass out, escapes undone", () => {
    const taken = takeCredentials('GetSWTagInfo -swTag="sw1" -AMIUser="al\\\\ice" -AMIPass="k\\"ey"');
    expect(taken).toMatchObject({ user: 'al\\ice', pass: 'k"ey' });
    expect(Object.fromEntries(taken.command.args)).toEqual({ swTag: 'sw1' });
    expect(takeCredentials('GetSWTagInfo -swTag=sw1 -amiuser=bob').user).toBe('bob');
  });
  it('never quotes them in the error of a command that does not parse', () => {
    let error: unknown;
    try {
      takeCredentials('GetSWTagInfo -swTag="sw1 -AMIUser="alice" -AMIPass="secret-key"');
    } catch (caught) {
      error = caught;
    }
    expect(error).toMatchObject({ status: 400 });
    expect(String((error as Error).message)).not.toContain('secret-key');
  });
});

describe('readArguments', () => {
  const takes = ['TAGNAME', 'IMAGETYPE', 'DISTSWRELEASE', 'PRODSTEP', 'COMMENT', 'REPOSITORY_USER'];
  const read = (text: string) => readArguments(parseAmiCommand(text), takes).values;
  it("takes the SW-Tag document's spellings and the columns', in any case", () => {
    expect(read('X -imageType=a -distRelease=b -prodstep=c -Comment=d -swTag=sw1 -repositoryUser=u')).toEqual(
      {
        IMAGETYPE: 'a',
        DISTSWRELEASE: 'b',
        PRODSTEP: 'c',
        COMMENT: 'd',
        TAGNAME: 'sw1',
        REPOSITORY_USER: 'u',
      },
    );
    expect(read('X -IMAGETYPE=a -DISTSWRELEASE=b -REPOSITORY_USER=u -amiTag=sw2')).toEqual({
      IMAGETYPE: 'a',
      DISTSWRELEASE: 'b',
      REPOSITORY_USER: 'u',
      TAGNAME: 'sw2',
    });
  });
  it('refuses an argument the command does not take, naming the ones it takes', () => {
    expect(() => read('UpdateSWTag -tagName=sw1 -colour=blue')).toThrow(
      expect.objectContaining({
        status: 400,
        description: expect.stringMatching(
          /-colour is not a field UpdateSWTag takes \(it takes .*-imageType, -distRelease/,
        ),
      }),
    );
    expect(() => read('X -distRelease=a -DISTSWRELEASE=b')).toThrow(/both give DISTSWRELEASE/);
  });
});
