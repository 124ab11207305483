import { debootstrapTemplate } from './debootstrap-template.js';

const entries = (values: Record<string, string>) =>
  Object.entries(values).map(([key, value]) => ({ key, value }));

describe('debootstrapTemplate', () => {
  it.each<[Record<string, string>, object]>([
    [{ suite: 'bookworm' }, { suite: 'bookworm', variant: 'minbase', mirror: undefined, packages: [] }],
    [
      {
        suite: 'trixie',
        variant: 'buildd',
        mirror: 'http://deb.debian.org/debian',
        packages: 'curl, ca-certificates libstdc++6 g++-12',
      },
      {
        suite: 'trixie',
        variant: 'buildd',
        mirror: 'http://deb.debian.org/debian',
        packages: ['curl', 'ca-certificates', 'libstdc++6', 'g++-12'],
      },
    ],
    [
      { suite: 'jammy', mirror: 'https://mirror.example.org:8443/ubuntu/' },
      { suite: 'jammy', mirror: 'https://mirror.example.org:8443/ubuntu/' },
    ],
  ])('takes %j', (values, expected) => {
    expect(debootstrapTemplate(entries(values))).toMatchObject(expected);
  });

  // Hostile values, each refused with the key at fault named.
  it.each<[string, Record<string, string>, string]>([
    ['no suite', { variant: 'minbase' }, 'template_dictionary key "suite"'],
    ['an option as suite', { suite: '--bogus-option' }, 'template_dictionary.suite'],
    ['a path as suite', { suite: '../../x' }, 'template_dictionary.suite'],
    ['a suite with a space', { suite: 'bookworm sid' }, 'template_dictionary.suite'],
    ['a suite with a new line', { suite: 'bookworm\n--x' }, 'template_dictionary.suite'],
    ['upper case suite', { suite: 'Bookworm' }, 'template_dictionary.suite'],
    ['a long suite', { suite: 'a'.repeat(33) }, 'template_dictionary.suite'],
    ['a path as variant', { suite: 'bookworm', variant: '../../x' }, 'template_dictionary.variant'],
    ['an option as variant', { suite: 'bookworm', variant: '--foreign' }, 'template_dictionary.variant'],
    ['an unknown variant', { suite: 'bookworm', variant: 'custom' }, 'template_dictionary.variant'],
    ['an empty variant', { suite: 'bookworm', variant: '' }, 'template_dictionary.variant'],
    ['an option as mirror', { suite: 'bookworm', mirror: '--no-check-gpg' }, 'template_dictionary.mirror'],
    ['a file mirror', { suite: 'bookworm', mirror: 'file:///etc' }, 'template_dictionary.mirror'],
    [
      'a mirror with credentials',
      { suite: 'bookworm', mirror: 'http://user:pw@deb.example.org/debian' },
      'template_dictionary.mirror',
    ],
    [
      'a mirror with a query',
      { suite: 'bookworm', mirror: 'http://deb.example.org/debian?x=1' },
      'template_dictionary.mirror',
    ],
    [
      'a mirror walking up',
      { suite: 'bookworm', mirror: 'http://deb.example.org/debian/../..' },
      'template_dictionary.mirror',
    ],
    [
      'a mirror and another argument',
      { suite: 'bookworm', mirror: 'http://deb.example.org/debian --x' },
      'template_dictionary.mirror',
    ],
    ['an option as package', { suite: 'bookworm', packages: 'curl -o=x' }, 'template_dictionary.packages'],
    ['shell in a package', { suite: 'bookworm', packages: 'curl;touch /x' }, 'template_dictionary.packages'],
    ['a quote in a package', { suite: 'bookworm', packages: "curl'" }, 'template_dictionary.packages'],
    [
      'too many packages',
      { suite: 'bookworm', packages: Array.from({ length: 513 }, (_, i) => `p${i}`).join(' ') },
      'template_dictionary.packages',
    ],
  ])('refuses %s', (_label, values, key) => {
    expect(() => debootstrapTemplate(entries(values))).toThrow(
      expect.objectContaining({ description: expect.stringContaining(key), status: 400 }),
    );
  });

  it('names where the recipe came from', () => {
    expect(() => debootstrapTemplate(entries({ suite: '-x' }), 'recipe r1')).toThrow(
      'recipe r1: template_dictionary.suite "-x" is not a suite name (lowercase letters, e.g. bookworm)',
    );
  });
});
