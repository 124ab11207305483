import { mkdir, mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { resolveWikiRemote, urlSecrets } from './wiki-remote.js';

describe('resolveWikiRemote', () => {
  it('makes a local path absolute', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'stackhook-remote-'));
    await mkdir(path.join(dir, 'wiki.git'));
    expect(resolveWikiRemote('wiki.git', dir)).toEqual({
      url: path.join(dir, 'wiki.git'),
      display: path.join(dir, 'wiki.git'),
    });
  });

  it.each<[string, string]>([
    ['https://github.com/o/r.wiki.git', 'https://github.com/o/r.wiki.git'],
    ['git@github.com:o/r.wiki.git', 'git@github.com:o/r.wiki.git'],
    ['ssh://git@host/r.git', 'ssh://***@host/r.git'],
  ])('keeps the URL %s as given, masking credentials for display', (url, display) => {
    expect(resolveWikiRemote(url, os.tmpdir())).toEqual({ url, display });
  });

  // An https token left in the URL would reach git's argv and .git/config: it becomes the header's token.
  it.each<[string, string]>([
    ['https://user:pa55@github.com/o/r.wiki.git', 'pa55'],
    ['https://ghp_t0ken@github.com/o/r.wiki.git', 'ghp_t0ken'],
    ['https://x-access-token:a%3Ab@github.com/o/r.wiki.git', 'a:b'],
  ])('takes the credentials out of %s', (wiki, token) => {
    expect(resolveWikiRemote(wiki, os.tmpdir())).toEqual({
      url: 'https://github.com/o/r.wiki.git',
      display: 'https://***@github.com/o/r.wiki.git',
      token,
    });
  });

  it.each(['', 'no/such/folder'])('rejects %j', (wiki) => {
    expect(() => resolveWikiRemote(wiki, os.tmpdir())).toThrow(/wiki repository/);
  });
});

describe('urlSecrets', () => {
  it.each<[string, string[]]>([
    ['https://user:pa55@host/r.git', ['user:pa55', 'pa55']],
    ['https://ghp_token@host/r.git', ['ghp_token']],
    ['ssh://git@host/r.git', []],
    ['/local/path', []],
  ])('%s', (url, secrets) => {
    expect(urlSecrets(url)).toEqual(secrets);
  });
});
