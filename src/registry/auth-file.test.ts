import { stat } from 'node:fs/promises';
import { SilentLog } from '../log/silent-log.js';
import { pathExists } from '../fs/path-exists.js';
import { AuthFile } from './auth-file.js';

const target = (host: string) => ({ host, owner: 'team', tlsVerify: false });

describe('AuthFile', () => {
  it('without podman, writes a private temporary file with the login for each host, removed on dispose', async () => {
    const secrets: string[] = [];
    const log = Object.assign(new SilentLog(), { addSecret: (secret: string) => void secrets.push(secret) });
    const auth = await AuthFile.open({
      log,
      targets: [target('ghcr.io'), target('localhost:5000'), target('ghcr.io')],
      login: { username: 'bot', password: 'p:ss' },
    });
    expect((await stat(auth.file!)).mode & 0o777).toBe(0o600);
    expect(await auth.credentials('ghcr.io')).toEqual({ username: 'bot', password: 'p:ss' });
    expect(await auth.credentials('localhost:5000')).toEqual({ username: 'bot', password: 'p:ss' });
    expect(await auth.credentials('quay.io')).toBeUndefined();
    expect((await auth.client('ghcr.io')).host).toBe('ghcr.io');
    expect(secrets).toContain('p:ss');
    await auth[Symbol.asyncDispose]();
    expect(await pathExists(auth.file!)).toBe(false);
  });

  it('uses a given file as it is and never removes it', async () => {
    const given = await AuthFile.open({ log: new SilentLog(), targets: [], file: '/nonexistent/auth.json' });
    expect(given.file).toBe('/nonexistent/auth.json');
    await given[Symbol.asyncDispose]();
    await expect(given.credentials('ghcr.io')).rejects.toThrow(
      '/nonexistent/auth.json: cannot read the auth file',
    );
  });
});
