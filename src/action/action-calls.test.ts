import { readActionInputs } from './action-inputs.js';
import { actionCalls, wikiLocation } from './action-calls.js';

const calls = (inputs: Record<string, string>, event = 'push') =>
  actionCalls(readActionInputs((name) => inputs[name] ?? '', event));

describe('actionCalls', () => {
  it.each([
    [{}, { variant: 'default', allVariants: true }],
    [{ variant: 'cuda12' }, { variant: 'cuda12', allVariants: false }],
    [{ variant: 'default' }, { variant: 'default', allVariants: false }],
  ])('merges every variant the builds left unless one is given: %j', (given, expected) => {
    const [merge] = calls({ command: 'merge', images: 'a', ...given });
    expect(merge).toMatchObject({ command: 'merge', options: { image: 'a', ...expected } });
  });

  it('hooks each image, pushing and registering it there, with the credentials as credentials only', () => {
    const run = calls({
      images: 'a b',
      registries: 'ghcr.io/org',
      username: 'bot',
      password: 's3cret',
      'catalog-url': 'https://catalog.example.org',
      'catalog-token': 'shk_key',
    });
    expect(run.map((call) => `${call.command} ${'image' in call.options ? call.options.image : ''}`)).toEqual(
      ['hook a', 'hook b'],
    );
    expect(run[0]!.options).toMatchObject({
      push: true,
      pushTo: ['ghcr.io/org'],
      register: { catalog: 'https://catalog.example.org', key: 'shk_key' },
      credentials: { login: { username: 'bot', password: 's3cret' } },
    });
    // The password is in the credentials and nowhere else.
    const { credentials: _credentials, ...rest } = run[0]!.options as { credentials: unknown };
    expect(JSON.stringify(rest)).not.toMatch(/s3cret/);
  });

  it('pulls a parent from the registry with the same credentials it pushes with', () => {
    const [hook] = calls({ images: 'child', 'parents-from': 'registry', 'auth-file': '/tmp/auth.json' });
    expect(hook!.options).toMatchObject({
      parentsFrom: 'registry',
      credentials: { authFile: '/tmp/auth.json' },
    });
  });

  it('only hooks on a pull request: no push, no registration', () => {
    const [hook] = calls({ images: 'a', 'catalog-url': 'http://c' }, 'pull_request');
    expect(hook!.options).toMatchObject({ push: false, register: undefined });
  });

  it('walks with push and register, and plans with its platform', () => {
    expect(calls({ command: 'walk', jobs: '3', 'catalog-url': 'http://c' })).toEqual([
      {
        command: 'walk',
        options: expect.objectContaining({
          hierarchy: 'hierarchy/stacks.yaml',
          out: '.stackhook/out',
          jobs: 3,
          push: true,
          register: { catalog: 'http://c', key: undefined },
        }),
      },
    ]);
    expect(calls({ command: 'plan', images: 'base-notebook', platform: 'arm64' })).toEqual([
      {
        command: 'plan',
        options: { hierarchy: 'hierarchy/stacks.yaml', images: ['base-notebook'], platforms: ['aarch64'] },
      },
    ]);
  });

  it('passes input values on as they are, whatever they hold', () => {
    const [hook] = calls({ images: 'a', owner: '$(touch /tmp/pwned); echo', push: 'false' });
    expect(hook!.options).toMatchObject({ owner: '$(touch /tmp/pwned); echo' });
  });

  it('names the input of an unknown platform', () => {
    expect(() => calls({ images: 'a', platform: 'sparc' })).toThrow(
      'input "platform": unknown platform "sparc"',
    );
  });

  it.each([
    ['org/stack', 'https://github.com/org/stack.wiki.git'],
    ['https://git.example.org/wiki.git', 'https://git.example.org/wiki.git'],
    ['../stack.wiki', '../stack.wiki'],
  ])('finds the wiki %s at %s', (input, location) => {
    expect(wikiLocation(input)).toBe(location);
  });
});
