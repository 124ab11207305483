import { amiCsv, amiJson, amiText, amiXml } from './ami-converters.js';
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
