import { mkdtemp, writeFile } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import bcrypt from 'bcryptjs';
import { execa, type ResultPromise } from 'execa';
import { registryAnswers, registryConfig } from '../../src/environment/local-registry.js';

/**
 * A docker-registry with basic auth (htpasswd, bcrypt) on a free port, its own data folder, and a process the
 * test can stop and start again (the registry that goes away in the middle of a push).
 */
export class AuthRegistry implements AsyncDisposable {
  private process: ResultPromise | undefined;

  private constructor(
    readonly address: string,
    private readonly config: string,
    readonly username: string,
    readonly password: string,
  ) {}

  static async start(
    username = 'pusher',
    password = `pw-${Math.random().toString(36).slice(2)}`,
  ): Promise<AuthRegistry> {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'stackhook-auth-registry-'));
    const htpasswd = path.join(dir, 'htpasswd');
    await writeFile(htpasswd, `${username}:${bcrypt.hashSync(password, 5)}\n`);
    const address = `127.0.0.1:${await freePort()}`;
    const config = path.join(dir, 'config.yml');
    await writeFile(config, registryConfig(address, path.join(dir, 'data'), htpasswd));
    const registry = new AuthRegistry(address, config, username, password);
    await registry.resume();
    return registry;
  }

  async resume(): Promise<void> {
    this.process = execa('docker-registry', ['serve', this.config], { reject: false, stdio: 'ignore' });
    for (let tries = 0; tries < 100 && !(await registryAnswers(this.address)); tries++)
      await new Promise((resolve) => setTimeout(resolve, 50));
  }

  async stop(): Promise<void> {
    this.process?.kill('SIGKILL');
    await this.process;
    this.process = undefined;
  }

  async [Symbol.asyncDispose](): Promise<void> {
    await this.stop();
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}
