import { readAmiCommandLine } from './ami-command-line.js';

describe('readAmiCommandLine', () => {
  const env = { STACKHOOK_CATALOG: 'http://catalog.example.org:8080' };
  // prettier-ignore
  it.each<[string[], Partial<ReturnType<typeof readAmiCommandLine>>]>([
    // pyAMI's command line, as an ATLAS user types it (the shell took the quotes off).
    [['-e', 'http://127.0.0.1:9000', '-f', 'xml', 'cmd', 'GetSWTagInfo', '-swTag=sw1'],
      { catalog: 'http://127.0.0.1:9000', converter: 'AMIXmlToXml.xsl', command: 'GetSWTagInfo -swTag="sw1"' }],
    [['-f', 'dict_object', 'command', 'AddSWTag', '-swRelease=Athena 24.0.1', '-comment=say "hi"'],
      { catalog: env.STACKHOOK_CATALOG, converter: 'AMIXmlToJson.xsl', command: 'AddSWTag -swRelease="Athena 24.0.1" -comment="say \\"hi\\""' }],
    // This CLI's own form: options anywhere, the default text.
    [['GetSWTagInfo', '-swTag=sw1', '--converter', 'csv', '--catalog', 'http://h:1'],
      { catalog: 'http://h:1', converter: 'csv', command: 'GetSWTagInfo -swTag="sw1"' }],
    [['ListImagesForSWTag', '-swTag=sw1'], { converter: 'text', help: false }],
    // After the command, pyAMI's short options are the command's.
    [['cmd', 'GetSWTagInfo', '-swTag=sw1', '-f', 'xml'], { converter: 'text', command: 'GetSWTagInfo -swTag="sw1" -f xml' }],
    [['--help'], { help: true, command: '' }],
    [['-e', 'http://h:1', '-h'], { help: true }],
  ])('%j', (args, expected) => {
    expect(readAmiCommandLine(args, env)).toMatchObject(expected);
  });

  it.each([
    [['-f', 'yaml', 'cmd', 'GetSWTagInfo'], /unknown format yaml/],
    [['-e', 'atlas', 'cmd', 'GetSWTagInfo'], /the catalog is a URL/],
    [['GetSWTagInfo', '--catalog'], /--catalog needs a value/],
  ])('refuses %j', (args, message) => {
    expect(() => readAmiCommandLine(args, env)).toThrow(message);
  });
});
