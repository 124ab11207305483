import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Engine } from '../engine/engine.js';
import type { Log } from '../log/log.js';
import { authFileCredentials } from './auth-file-credentials.js';
import { defaultAuthFile } from './default-auth-file.js';
import { isTransientPushFailure } from './push-failure.js';
import { RegistryClient } from './registry-client.js';
import type { RegistryTarget } from './registry-target.js';
import { DEFAULT_RETRY, withRetries, type RetryPolicy } from './with-retries.js';

/** A registry user and password (a password or token piped in, or an Action's inputs). */
export interface RegistryLogin {
  username: string;
  password: string;
}

export interface OpenAuthFileRequest {
  log: Log;
  /** The registries the credentials are for. */
  targets: readonly RegistryTarget[];
  /** A user's auth.json (podman, docker, skopeo), used as it is. */
  file?: string;
  /** A user and password: logged in to each target by podman when an engine is given, else written out. */
  login?: RegistryLogin;
  engine?: Engine;
  retry?: RetryPolicy;
  signal?: AbortSignal;
}

/**
 * The registry credentials of a run, as the auth.json every tool reads (podman, skopeo, the registry API
 * client here): a user's file, podman's default one, or a temporary one (filled by `podman login
 * --password-stdin`, or written out for registries reached without podman) removed on dispose. Passwords are
 * registered as log secrets and never reach an argument.
 */
export class AuthFile implements AsyncDisposable {
  private constructor(
    /** undefined: no credentials anywhere (podman's own lookup finds nothing either). */
    readonly file: string | undefined,
    private readonly log: Log,
    private readonly temporaryDir?: string,
  ) {}

  /** The file given, else the one podman itself would read (where `podman login` put the credentials). */
  static async of(file: string | undefined, log: Log): Promise<AuthFile> {
    return new AuthFile(file ?? (await defaultAuthFile()), log);
  }

  /** A private empty auth file, in the runner's temporary folder when there is one (emptied after every job). */
  static async temporary(log: Log): Promise<AuthFile> {
    const dir = await mkdtemp(path.join(process.env.RUNNER_TEMP || os.tmpdir(), 'stackhook-auth-'));
    return new AuthFile(path.join(dir, 'auth.json'), log, dir);
  }

  /** The credentials a request asks for, ready for pushes, pulls and the registry API. */
  static async open(request: OpenAuthFileRequest): Promise<AuthFile> {
    if (!request.login || request.targets.length === 0) return AuthFile.of(request.file, request.log);
    request.log.addSecret(request.login.password);
    const auth = await AuthFile.temporary(request.log);
    try {
      const hosts = [...new Map(request.targets.map((target) => [target.host, target])).values()];
      if (request.engine) for (const target of hosts) await auth.login(request.engine, target, request);
      else await auth.write(hosts, request.login);
      return auth;
    } catch (error) {
      await auth[Symbol.asyncDispose]();
      throw error;
    }
  }

  /** `podman login` to one registry into this file; one briefly away is waited for, a wrong password is not. */
  private async login(
    engine: Engine,
    target: RegistryTarget,
    request: Pick<OpenAuthFileRequest, 'login' | 'retry' | 'signal'>,
  ): Promise<void> {
    await withRetries(
      () =>
        engine.login(target.host, request.login!, {
          authFile: this.file!,
          tlsVerify: target.tlsVerify,
          signal: request.signal,
        }),
      {
        policy: request.retry ?? DEFAULT_RETRY,
        isTransient: isTransientPushFailure,
        signal: request.signal,
        onRetry: (_error, attempt, delayMs) =>
          this.log.warn(
            `login to ${target.host}: attempt ${attempt} failed; retrying in ${(delayMs / 1000).toFixed(1)} s`,
          ),
      },
    );
  }

  /** The same user and password for each host, in auth.json's format (nothing checks them until used). */
  private async write(hosts: readonly RegistryTarget[], login: RegistryLogin): Promise<void> {
    const auth = Buffer.from(`${login.username}:${login.password}`).toString('base64');
    const auths = Object.fromEntries(hosts.map((target) => [target.host, { auth }]));
    await writeFile(this.file!, JSON.stringify({ auths }), { mode: 0o600 });
  }

  /** The user and password this file holds for `host` (registered as a log secret), if any. */
  async credentials(host: string): Promise<RegistryLogin | undefined> {
    const credentials = this.file ? await authFileCredentials(this.file, host) : undefined;
    if (credentials) this.log.addSecret(credentials.password);
    return credentials;
  }

  /** A registry API client for `host` with this file's credentials for it. */
  async client(host: string): Promise<RegistryClient> {
    return new RegistryClient(host, await this.credentials(host));
  }

  async [Symbol.asyncDispose](): Promise<void> {
    if (this.temporaryDir) await rm(this.temporaryDir, { recursive: true, force: true });
  }
}
