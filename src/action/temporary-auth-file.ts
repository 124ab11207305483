import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

/**
 * An auth.json (podman's and docker's format) holding one user and password for each registry host, in a
 * private temporary folder removed on dispose: how the Action hands the password inputs to podman and to the
 * registry API without an argument or a `podman login` output carrying them.
 */
export class TemporaryAuthFile implements AsyncDisposable {
  private constructor(
    readonly file: string,
    private readonly dir: string,
  ) {}

  static async write(
    hosts: readonly string[],
    username: string,
    password: string,
  ): Promise<TemporaryAuthFile> {
    // The runner's own temporary folder is emptied after every job, even one that was killed.
    const dir = await mkdtemp(path.join(process.env.RUNNER_TEMP || os.tmpdir(), 'stackhook-action-auth-'));
    const file = path.join(dir, 'auth.json');
    const auth = Buffer.from(`${username}:${password}`).toString('base64');
    const auths = Object.fromEntries([...new Set(hosts)].map((host) => [host, { auth }]));
    await writeFile(file, JSON.stringify({ auths }), { mode: 0o600 });
    return new TemporaryAuthFile(file, dir);
  }

  async [Symbol.asyncDispose](): Promise<void> {
    await rm(this.dir, { recursive: true, force: true });
  }
}
