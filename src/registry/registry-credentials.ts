import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Engine } from '../engine/engine.js';
import type { Log } from '../log/log.js';
import { isTransientPushFailure } from './push-failure.js';
import type { RegistryTarget } from './registry-target.js';
import { DEFAULT_RETRY, withRetries, type RetryPolicy } from './with-retries.js';

/**
 * The credentials pushes use: a user's auth file (podman/docker auth.json) as given, or a temporary one filled by
 * `podman login --password-stdin` for each target and removed on dispose. The password is registered as a log
 * secret and only ever written to podman's stdin.
 */
export class RegistryCredentials implements AsyncDisposable {
  private constructor(
    readonly authFile: string | undefined,
    private readonly temporaryDir: string | undefined,
  ) {}

  static async open(request: {
    engine: Engine;
    log: Log;
    targets: readonly RegistryTarget[];
    authFile?: string;
    username?: string;
    password?: string;
    retry?: RetryPolicy;
    signal?: AbortSignal;
  }): Promise<RegistryCredentials> {
    if (request.password === undefined) return new RegistryCredentials(request.authFile, undefined);
    request.log.addSecret(request.password);
    const dir = await mkdtemp(path.join(os.tmpdir(), 'stackhook-auth-'));
    const credentials = new RegistryCredentials(path.join(dir, 'auth.json'), dir);
    try {
      const hosts = [...new Map(request.targets.map((target) => [target.host, target])).values()];
      for (const target of hosts) {
        // A registry that is briefly away is waited for as a push would; a wrong password fails at once.
        await withRetries(
          () =>
            request.engine.login(
              target.host,
              { username: request.username ?? '', password: request.password! },
              { authFile: credentials.authFile!, tlsVerify: target.tlsVerify, signal: request.signal },
            ),
          {
            policy: request.retry ?? DEFAULT_RETRY,
            isTransient: isTransientPushFailure,
            signal: request.signal,
            onRetry: (_error, attempt, delayMs) =>
              request.log.warn(
                `login to ${target.host}: attempt ${attempt} failed; retrying in ${(delayMs / 1000).toFixed(1)} s`,
              ),
          },
        );
      }
      return credentials;
    } catch (error) {
      await credentials[Symbol.asyncDispose]();
      throw error;
    }
  }

  async [Symbol.asyncDispose](): Promise<void> {
    if (this.temporaryDir) await rm(this.temporaryDir, { recursive: true, force: true });
  }
}
