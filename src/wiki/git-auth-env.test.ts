import { authorizationHeader, gitAuthEnv, tokenSecrets, wikiToken } from './git-auth-env.js';

describe('gitAuthEnv', () => {
  it('gives the token to git as an http.extraHeader through the environment', () => {
    const env = gitAuthEnv('s3cret', { PATH: '/bin' }, 'https://github.com/o/r.wiki.git');
    expect(env).toEqual({
      PATH: '/bin',
      GIT_TERMINAL_PROMPT: '0',
      GIT_CONFIG_COUNT: '1',
      // Scoped to the wiki's origin: the token never goes to another host.
      GIT_CONFIG_KEY_0: 'http.https://github.com/.extraHeader',
      GIT_CONFIG_VALUE_0: `Authorization: Basic ${Buffer.from('x-access-token:s3cret').toString('base64')}`,
    });
    expect(JSON.stringify(env)).not.toContain('s3cret');
  });

  it("appends to the caller's own GIT_CONFIG entries", () => {
    const env = gitAuthEnv(
      't0ken',
      { GIT_CONFIG_COUNT: '1', GIT_CONFIG_KEY_0: 'a.b', GIT_CONFIG_VALUE_0: 'c' },
      'http://127.0.0.1:8080/o/r.wiki.git',
    );
    expect(env).toMatchObject({
      GIT_CONFIG_COUNT: '2',
      GIT_CONFIG_KEY_0: 'a.b',
      GIT_CONFIG_KEY_1: 'http.http://127.0.0.1:8080/.extraHeader',
    });
  });

  it.each(['/srv/wiki.git', 'git@github.com:o/r.wiki.git', 'ssh://git@host/r.git', undefined])(
    'sends no header to a wiki that is not http(s): %s',
    (remote) => {
      expect(gitAuthEnv('t0ken', { PATH: '/bin' }, remote)).toEqual({
        PATH: '/bin',
        GIT_TERMINAL_PROMPT: '0',
      });
    },
  );

  it.each([undefined, ''])('adds no header without a token (%j), and drops interactive helpers', (token) => {
    expect(gitAuthEnv(token, { PATH: '/bin', EDITOR: 'vi', GIT_PAGER: 'less' })).toEqual({
      PATH: '/bin',
      GIT_TERMINAL_PROMPT: '0',
    });
  });
});

describe('wikiToken', () => {
  it.each<[NodeJS.ProcessEnv, string | undefined]>([
    [{ STACKHOOK_WIKI_TOKEN: 'a', GITHUB_TOKEN: 'b' }, 'a'],
    [{ STACKHOOK_WIKI_TOKEN: '', GITHUB_TOKEN: 'b' }, 'b'],
    [{}, undefined],
  ])('%j', (env, token) => {
    expect(wikiToken(env)).toBe(token);
  });
});

describe('tokenSecrets', () => {
  it('covers the token, the header and its base64 value', () => {
    const header = authorizationHeader('tok');
    expect(tokenSecrets('tok')).toEqual(['tok', header, header.split(' ').pop()]);
    expect(tokenSecrets(undefined)).toEqual([]);
  });
});
