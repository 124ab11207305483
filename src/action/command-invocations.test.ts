import { readActionInputs } from './action-inputs.js';
import { commandInvocations, wikiLocation } from './command-invocations.js';

const invocations = (inputs: Record<string, string>, event = 'push', authFile?: string) =>
  commandInvocations(
    readActionInputs((name) => inputs[name] ?? '', event),
    authFile,
  ).map((one) => one.args);

describe('commandInvocations', () => {
  it('runs hook then push (then register with a catalog) per image, with the auth file, never the password', () => {
    const args = invocations(
      {
        images: 'a b',
        registries: 'ghcr.io/org',
        username: 'bot',
        password: 's3cret',
        'catalog-url': 'https://catalog.example.org',
        'catalog-token': 'shk_key',
      },
      'push',
      '/tmp/auth.json',
    );
    expect(args.map((one) => `${one[0]} ${one[1]}`)).toEqual([
      'hook a',
      'push a',
      'register a',
      'hook b',
      'push b',
      'register b',
    ]);
    expect(args[1]).toEqual(
      expect.arrayContaining(['--registry', 'ghcr.io/org', '--authfile', '/tmp/auth.json', '--json']),
    );
    expect(args[2]).toEqual(expect.arrayContaining(['--catalog', 'https://catalog.example.org']));
    expect(JSON.stringify(args)).not.toMatch(/s3cret|shk_key/);
  });

  it('pulls a parent from the registry with the same credentials it pushes with', () => {
    const [hook] = invocations({ images: 'child', 'parents-from': 'registry' }, 'push', '/tmp/auth.json');
    expect(hook).toEqual(
      expect.arrayContaining(['--parents-from', 'registry', '--authfile', '/tmp/auth.json']),
    );
  });

  it('only hooks on a pull request', () => {
    expect(invocations({ images: 'a' }, 'pull_request').map((one) => one[0])).toEqual(['hook']);
  });

  it('walks with push and register flags, and plans with its platform', () => {
    expect(invocations({ command: 'walk', jobs: '3', 'catalog-url': 'http://c' })[0]).toEqual([
      'walk',
      '--hierarchy',
      'hierarchy/stacks.yaml',
      '--out',
      '.stackhook/out',
      '--jobs',
      '3',
      '--no-progress',
      '--push',
      '--register',
      '--catalog',
      'http://c',
      '--json',
    ]);
    expect(invocations({ command: 'plan', images: 'base-notebook', platform: 'arm64' })[0]).toEqual([
      'plan',
      'base-notebook',
      '--hierarchy',
      'hierarchy/stacks.yaml',
      '--platform',
      'arm64',
      '--json',
    ]);
  });

  it('passes input values as single arguments, whatever they hold', () => {
    const args = invocations({ images: 'a', owner: '$(touch /tmp/pwned); echo', push: 'false' })[0]!;
    expect(args).toContain('$(touch /tmp/pwned); echo');
  });

  it.each([
    ['org/stack', 'https://github.com/org/stack.wiki.git'],
    ['https://git.example.org/wiki.git', 'https://git.example.org/wiki.git'],
    ['../stack.wiki', '../stack.wiki'],
  ])('finds the wiki %s at %s', (input, location) => {
    expect(wikiLocation(input)).toBe(location);
  });
});
