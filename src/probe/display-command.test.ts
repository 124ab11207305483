import { displayCommand } from './display-command.js';

describe('displayCommand', () => {
  it.each<[readonly string[], string]>([
    [['python3', '--version'], 'python3 --version'],
    [
      ['python3', '-m', 'pip', 'list', '--disable-pip-version-check'],
      'python3 -m pip list --disable-pip-version-check',
    ],
    [
      ['R', '--silent', '-e', 'installed.packages(.Library)[, c(1,3)]'],
      `R --silent -e 'installed.packages(.Library)[, c(1,3)]'`,
    ],
    [['cat', '/etc/os-release'], 'cat /etc/os-release'],
    [['env', 'A=b', 'user@host:/x,y%z+1'], 'env A=b user@host:/x,y%z+1'],
    [['printf', '%s', 'two words'], `printf %s 'two words'`],
    [['echo', "it's"], `echo 'it'\\''s'`],
    [['echo', `'`], `echo ''\\'''`],
    [['echo', ''], `echo ''`],
    [['echo', '$HOME', '$(id)', '`id`', 'a;b', '*', '~'], `echo '$HOME' '$(id)' '\`id\`' 'a;b' '*' '~'`],
    [['echo', 'a\nb'], `echo 'a\nb'`],
    [['echo', 'héllo'], `echo 'héllo'`],
    [[], ''],
  ])('%j -> %s', (argv, shown) => {
    expect(displayCommand(argv)).toBe(shown);
  });
});
