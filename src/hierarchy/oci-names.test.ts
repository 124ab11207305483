import {
  ownerProblem,
  registryProblem,
  repositoryComponentProblem,
  sanitizeTag,
  tagProblem,
} from './oci-names.js';

describe('repositoryComponentProblem', () => {
  it.each(['base-notebook', 'r', 'a.b', 'a_b', 'a__b', 'a---b', 'scipy-notebook2', '0day'])(
    'accepts %j',
    (name) => {
      expect(repositoryComponentProblem(name)).toBeUndefined();
    },
  );

  it.each(['', 'Base_Notebook', '-x', 'x-', '.x', 'a___b', 'a..b', 'a_.b', 'with space', 'a/b', 'café'])(
    'rejects %j, quoting it',
    (name) => {
      expect(repositoryComponentProblem(name)).toBe(
        `"${name}" is not a valid OCI repository name component (lowercase letters, digits, separated by ".", "_", "__" or "-")`,
      );
    },
  );
});

describe('tagProblem', () => {
  it.each(['latest', 'x86_64-python-3.11.2', '_private', '1.2.3', 'A', 'a'.repeat(128)])(
    'accepts %j',
    (tag) => {
      expect(tagProblem(tag)).toBeUndefined();
    },
  );

  it.each(['', '.hidden', '-dash', '1.2.3+cpu', 'a:b', 'a/b', 'ünï', 'a'.repeat(129)])(
    'rejects %j',
    (tag) => {
      expect(tagProblem(tag)).toBe(`"${tag}" is not a valid OCI tag ([A-Za-z0-9_][A-Za-z0-9._-]{0,127})`);
    },
  );
});

describe('registryProblem', () => {
  it.each(['localhost:5000', 'ghcr.io', 'quay.io', 'registry-1.docker.io', '127.0.0.1:5000', 'r'])(
    'accepts %j',
    (registry) => {
      expect(registryProblem(registry)).toBeUndefined();
    },
  );

  it.each(['', 'https://ghcr.io', 'ghcr.io/', '-registry', 'registry-', 'host:port', 'ghcr.io:', 'a b'])(
    'rejects %j',
    (registry) => {
      expect(registryProblem(registry)).toBe(`"${registry}" is not a valid registry host[:port]`);
    },
  );
});

describe('ownerProblem', () => {
  it.each(['stackhook', 'jupyter', 'org/team', 'org/sub.team/x_y'])('accepts %j', (owner) => {
    expect(ownerProblem(owner)).toBeUndefined();
  });

  it.each([
    ['Jupyter', 'Jupyter'],
    ['org/Team', 'Team'],
    ['org//team', ''],
    ['org/', ''],
    ['/org', ''],
  ])('rejects %j, naming the bad part %j', (owner, part) => {
    expect(ownerProblem(owner)).toBe(repositoryComponentProblem(part));
    expect(ownerProblem(owner)).toContain(`"${part}"`);
  });
});

describe('sanitizeTag', () => {
  it.each([
    ['1.2.3+cpu', '1.2.3_cpu'],
    ['python-3.11.2', 'python-3.11.2'],
    ['.hidden', '_.hidden'],
    ['-dash', '_-dash'],
    ['', '_'],
    ['a b/c:d', 'a_b_c_d'],
    ['r-4.2.2 Patched', 'r-4.2.2_Patched'],
    ['ünïcødé', '_n_c_d_'],
    ['日本', '__'],
    // An astral character is two UTF-16 code units, so two "_".
    ['py🐍', 'py__'],
    ['a'.repeat(200), 'a'.repeat(128)],
    [`.${'b'.repeat(200)}`, `_.${'b'.repeat(126)}`],
  ])('%j -> %j', (raw, tag) => {
    expect(sanitizeTag(raw)).toBe(tag);
  });

  it('keeps a tag that is already valid', () => {
    for (const tag of ['latest', 'x86_64-2024-01-31', 'debian-12', '_x']) expect(sanitizeTag(tag)).toBe(tag);
  });

  const nasty = [
    '',
    ' ',
    '.',
    '-',
    '..',
    '--x',
    '\n',
    '\t tab',
    '\u0000nul',
    'a\u200bzero-width',
    '$(id)',
    '`id`',
    "'quoted'",
    '"dq"',
    '../../etc/passwd',
    'ПРИВЕТ',
    '🐍'.repeat(100),
    'x'.repeat(1000),
    '.'.repeat(300),
    '-'.repeat(127) + 'é',
    '\ud800lone-surrogate',
    'COMBINING\u0301',
  ];

  it.each(nasty.map((raw) => [raw]))('turns %j into a valid tag', (raw) => {
    const tag = sanitizeTag(raw);
    expect(tagProblem(tag)).toBeUndefined();
    expect(tag.length).toBeGreaterThan(0);
    expect(tag.length).toBeLessThanOrEqual(128);
  });

  it('always yields a valid tag for random strings', () => {
    // A fixed-seed generator, so a failure can be replayed.
    let seed = 42;
    const random = (): number => {
      seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    const alphabet = ['a', 'Z', '9', '.', '-', '_', ' ', '+', ':', '/', 'é', '🐍', '\n', '\u0000'];
    for (let round = 0; round < 500; round++) {
      const length = Math.floor(random() * 300);
      const raw = Array.from({ length }, () => alphabet[Math.floor(random() * alphabet.length)]).join('');
      const tag = sanitizeTag(raw);
      expect(tagProblem(tag)).toBeUndefined();
      // Sanitising is idempotent: a valid tag is left as it is.
      expect(sanitizeTag(tag)).toBe(tag);
    }
  });
});
