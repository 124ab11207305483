import { amiCsv, amiJson, amiText, amiXml, csvCell, escapeTextLine, escapeXml } from './ami-converters.js';
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
  const rowsets = [{ type: 'SWTAG', rows: [{ TAGNAME: 'sw1', COMMENT: 'a, "b" <c> & d' }] }];
  it('JSON in AMIMessage rowset/row/field shape', () => {
    expect(JSON.parse(amiJson('GetSWTagInfo', rowsets))).toEqual({
      AMIMessage: {
        command: 'GetSWTagInfo',
        Result: {
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
      },
    });
  });
  it('XML, escaped', () => {
    expect(amiXml('GetSWTagInfo', rowsets)).toContain(
      '<rowset type="SWTAG">\n<row>\n<field name="TAGNAME">sw1</field>\n<field name="COMMENT">a, &quot;b&quot; &lt;c&gt; &amp; d</field>\n</row>\n</rowset>',
    );
  });
  it('text and CSV', () => {
    expect(amiText(rowsets)).toBe('#rowset SWTAG\n\nTAGNAME = sw1\nCOMMENT = a, "b" <c> & d\n');
    expect(amiCsv(rowsets)).toBe('TAGNAME,COMMENT\r\nsw1,"a, ""b"" <c> & d"\r\n');
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
  const hostile = [{ type: 'SWTAG', rows: [{ TAGNAME: 'sw1', COMMENT: 'x\nTAGNAME = sw666\u0000' }] }];
  it('text keeps one line per field', () => {
    expect(amiText(hostile)).toBe('#rowset SWTAG\n\nTAGNAME = sw1\nCOMMENT = x\\nTAGNAME = sw666\\u0000\n');
  });
  it('XML carries no character XML 1.0 forbids', () => {
    expect(amiXml('GetSWTagInfo', hostile)).toContain(
      '<field name="COMMENT">x&#10;TAGNAME = sw666\ufffd</field>',
    );
  });
});
