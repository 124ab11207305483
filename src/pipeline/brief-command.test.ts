import { briefCommand } from './brief-command.js';

describe('briefCommand', () => {
  it.each<[string[], string]>([
    [['cat', '/etc/os-release'], 'cat /etc/os-release'],
    [['python3', '-c', 'import sys\nprint(sys.version)'], "python3 -c 'import sys …"],
    [['echo', 'x'.repeat(200)], `echo ${'x'.repeat(115)} …`],
  ])('%j → %s', (argv, brief) => {
    expect(briefCommand(argv)).toBe(brief);
  });
});
