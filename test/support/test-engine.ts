import { PodmanEngine } from '../../src/engine/podman-engine.js';

/** The podman that `npm test` (scripts/test.ts) found or installed, and the API socket it started. */
export function testEngine(): PodmanEngine {
  const binary = process.env.STACKHOOK_PODMAN;
  const socketPath = process.env.STACKHOOK_PODMAN_SOCKET;
  if (!binary || !socketPath) {
    throw new Error(
      'integration tests need podman prepared by `npm test` (STACKHOOK_PODMAN, STACKHOOK_PODMAN_SOCKET)',
    );
  }
  const env: Record<string, string> = process.env.CONTAINERS_CONF
    ? { CONTAINERS_CONF: process.env.CONTAINERS_CONF }
    : {};
  return new PodmanEngine({ binary, env, socketPath });
}

export function testBaseImage(): string {
  const image = process.env.STACKHOOK_TEST_BASE_IMAGE;
  if (!image) throw new Error('STACKHOOK_TEST_BASE_IMAGE is set by `npm test`');
  return image;
}
