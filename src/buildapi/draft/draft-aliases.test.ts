import { withDraftAliases } from './draft-aliases.js';

describe('withDraftAliases', () => {
  it.each([
    [
      { arch: 'x86_64', component: 'a' },
      { architecture: 'x86_64', component: 'a' },
    ],
    [{ url: 'https://h/r' }, { git_url: 'https://h/r' }],
    [{ arch: 'x86_64', architecture: 'x86_64' }, { architecture: 'x86_64' }],
    [{ architecture: 'aarch64' }, { architecture: 'aarch64' }],
    [{ arch: 'RHEL7' }, { architecture: 'rhel7' }],
    [{}, {}],
  ])('%j reads as %j', (given, expected) => {
    expect(withDraftAliases(given)).toEqual(expected);
  });

  it.each([
    [{ arch: 'rocky9', architecture: 'x86_64' }, 'arch (rocky9) and architecture (x86_64) differ'],
    [{ url: 'https://a/r', git_url: 'https://b/r' }, 'url (https://a/r) and git_url (https://b/r) differ'],
  ])('refuses %j naming both fields', (given, message) => {
    expect(() => withDraftAliases(given)).toThrow(message);
  });

  it('leaves its input as it was', () => {
    const given = { arch: 'x86_64' };
    withDraftAliases(given);
    expect(given).toEqual({ arch: 'x86_64' });
  });
});
