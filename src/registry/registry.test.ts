import { readFileSync } from 'node:fs';
import { stageError, StackhookError } from '../errors/stackhook-error.js';
import { isTransientPushFailure } from './push-failure.js';
import { parseRegistryTarget } from './registry-target.js';
import { withRetries } from './with-retries.js';

const fixture = (name: string): string =>
  readFileSync(new URL(`../../test/fixtures/push-failures/${name}.stderr`, import.meta.url), 'utf8');
const pushFailed = (stderr: string) => stageError('podman push x failed (exit 125)', 'push x', stderr);

describe('which push failures are retried (real podman output)', () => {
  it.each<[string, boolean]>([
    ['registry-down', true],
    ['status-503', true],
    ['status-429', true],
    ['no-credentials', false],
    ['wrong-password', false],
  ])('%s: transient %s', (name, transient) => {
    expect(isTransientPushFailure(pushFailed(fixture(name)))).toBe(transient);
  });

  it.each<[string, boolean]>([
    ['read tcp 127.0.0.1:1->127.0.0.1:2: read: connection reset by peer', true],
    ['received unexpected HTTP status: 502 Bad Gateway', true],
    ['denied: requested access to the resource is denied', false],
    ['manifest unknown: manifest unknown', false],
    ['toomanyrequests: You have reached your pull rate limit', true],
    ['reading manifest: received unexpected HTTP status: 403 Forbidden', false],
    // Unknown failures are not retried: retrying what we do not understand only delays the error.
    ['no space left on device', false],
  ])('%s: transient %s', (stderr, transient) => {
    expect(isTransientPushFailure(pushFailed(stderr))).toBe(transient);
  });
});

describe('classification reads what podman printed, not the tag being pushed', () => {
  const at = (tag: string, stderr: string) =>
    stageError(`podman push r/o/img:${tag} failed (exit 125)`, `push r/o/img:${tag}`, stderr);
  it.each<[string, string, boolean]>([
    ['r-4.3.403', fixture('registry-down'), true],
    ['cuda-12.500', 'write /var/tmp/x: no space left on device', false],
  ])('a tag like %s does not change the verdict', (tag, stderr, transient) => {
    expect(isTransientPushFailure(at(tag, stderr))).toBe(transient);
  });
});

describe('withRetries', () => {
  const policy = { attempts: 4, baseDelayMs: 1, maxDelayMs: 4, random: () => 0.999 };
  const transientError = new Error('connection refused');

  it('retries transient failures with growing delays until it succeeds', async () => {
    const delays: number[] = [];
    const result = await withRetries(
      async (attempt) => {
        if (attempt < 3) throw transientError;
        return 'pushed';
      },
      { policy, isTransient: () => true, onRetry: (_, __, delay) => delays.push(delay) },
    );
    expect(result).toEqual({ value: 'pushed', attempts: 3 });
    expect(delays).toEqual([1, 2]);
  });

  it('caps the delay, gives up after the last attempt, and never retries a fatal failure', async () => {
    const delays: number[] = [];
    let tries = 0;
    const work = async () => {
      tries++;
      throw transientError;
    };
    await expect(
      withRetries(work, { policy, isTransient: () => true, onRetry: (_, __, delay) => delays.push(delay) }),
    ).rejects.toBe(transientError);
    expect(tries).toBe(4);
    expect(delays).toEqual([1, 2, 4]);
    tries = 0;
    await expect(withRetries(work, { policy, isTransient: () => false })).rejects.toBe(transientError);
    expect(tries).toBe(1);
  });

  it('spreads the waits (full jitter)', async () => {
    const delays: number[] = [];
    let tries = 0;
    await withRetries(
      async () => {
        if (++tries < 3) throw transientError;
      },
      {
        policy: { attempts: 3, baseDelayMs: 1000, maxDelayMs: 10_000, random: () => 0.25 },
        isTransient: () => true,
        onRetry: (_, __, delay) => delays.push(delay),
      },
    ).catch(() => undefined);
    expect(delays).toEqual([250, 500]);
  }, 10_000);
});

describe('registry targets', () => {
  it.each<[string, { host: string; owner: string; tlsVerify: boolean }]>([
    ['ghcr.io/org', { host: 'ghcr.io', owner: 'org', tlsVerify: true }],
    ['quay.io', { host: 'quay.io', owner: 'stackhook', tlsVerify: true }],
    ['registry.example.org:8443/a/b', { host: 'registry.example.org:8443', owner: 'a/b', tlsVerify: true }],
    ['127.0.0.1:5000', { host: '127.0.0.1:5000', owner: 'stackhook', tlsVerify: false }],
  ])('%s', (text, target) => {
    expect(parseRegistryTarget(text, 'stackhook', '--registry')).toEqual(target);
  });

  it('names the option for a bad one', () => {
    expect(() => parseRegistryTarget('bad host/Org', 'stackhook', '--registry')).toThrow(StackhookError);
    expect(() => parseRegistryTarget('ghcr.io/Org', 'stackhook', '--registry')).toThrow(
      /--registry: .*"Org"/,
    );
  });
});
