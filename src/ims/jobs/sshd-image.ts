import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { debootstrapReference } from '../../base-image/debootstrap.js';
import { ensureImage } from '../../base-image/ensure-image.js';
import type { Engine } from '../../engine/engine.js';
import { hostPlatform, ociPlatform } from '../../hierarchy/platform.js';
import type { Log } from '../../log/log.js';

const BASE = { suite: 'bookworm', variant: 'minbase' };
export const SSHD_IMAGE = 'localhost/stackhook/ims-sshd:bookworm';

/**
 * The image customize jobs run: Debian with OpenSSH's server (made once, from the debootstrap root; its own
 * host keys removed, as every job brings a fresh one).
 */
export async function ensureSshdImage(
  engine: Engine,
  log: Log,
  options: { signal?: AbortSignal; onOutput?: (chunk: string) => void } = {},
): Promise<string> {
  if (await engine.inspectImage(SSHD_IMAGE)) return SSHD_IMAGE;
  const base = debootstrapReference(BASE);
  await ensureImage(engine, base, log, options.signal);
  const dir = await mkdtemp(path.join(os.tmpdir(), 'stackhook-sshd-image-'));
  try {
    await writeFile(
      path.join(dir, 'Containerfile'),
      [
        `FROM ${base}`,
        'RUN apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends openssh-server && rm -rf /var/lib/apt/lists/* /etc/ssh/ssh_host_*',
        '',
      ].join('\n'),
    );
    await engine.build({
      subject: 'the customize jobs’ sshd image',
      contextDir: dir,
      dockerfile: path.join(dir, 'Containerfile'),
      tag: SSHD_IMAGE,
      buildArgs: {},
      labels: { 'io.stackhook.ims.sshd': '1' },
      platform: ociPlatform(hostPlatform()),
      signal: options.signal,
      onOutput: options.onOutput,
    });
    return SSHD_IMAGE;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
