import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { defaultAuthFile } from './default-auth-file.js';

describe('defaultAuthFile', () => {
  it('looks where podman does, in its order, and finds nothing when there is nothing', async () => {
    const home = await mkdtemp(path.join(os.tmpdir(), 'stackhook-auth-home-'));
    const runtime = path.join(home, 'run');
    const env = { HOME: home, XDG_RUNTIME_DIR: runtime };
    expect(await defaultAuthFile(env)).toBeUndefined();
    const docker = path.join(home, '.docker', 'config.json');
    await mkdir(path.dirname(docker), { recursive: true });
    await writeFile(docker, '{}');
    expect(await defaultAuthFile(env)).toBe(docker);
    const user = path.join(home, '.config', 'containers', 'auth.json');
    await mkdir(path.dirname(user), { recursive: true });
    await writeFile(user, '{}');
    expect(await defaultAuthFile(env)).toBe(user);
    const login = path.join(runtime, 'containers', 'auth.json');
    await mkdir(path.dirname(login), { recursive: true });
    await writeFile(login, '{}');
    expect(await defaultAuthFile(env)).toBe(login);
    expect(await defaultAuthFile({ ...env, REGISTRY_AUTH_FILE: docker })).toBe(docker);
  });
});
