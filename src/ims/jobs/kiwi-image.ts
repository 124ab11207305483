import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { debootstrapReference } from '../../base-image/debootstrap.js';
import { ensureImage } from '../../base-image/ensure-image.js';
import type { Engine } from '../../engine/engine.js';
import { hostPlatform, ociPlatform } from '../../hierarchy/platform.js';
import type { Log } from '../../log/log.js';

const BASE = { suite: 'bookworm', variant: 'minbase' };
export const KIWI_IMAGE = 'localhost/stackhook/ims-kiwi:bookworm';

/**
 * The image kiwi-ng jobs run: Debian's KIWI NG (9.24 in bookworm) with rsync and debootstrap, which it needs
 * and does not pull in. Made once from the debootstrap root (no registry needed), then reused.
 */
export async function ensureKiwiImage(
  engine: Engine,
  log: Log,
  options: { signal?: AbortSignal; onOutput?: (chunk: string) => void } = {},
): Promise<string> {
  if (await engine.inspectImage(KIWI_IMAGE)) return KIWI_IMAGE;
  const base = debootstrapReference(BASE);
  await ensureImage(engine, base, log, options.signal);
  const dir = await mkdtemp(path.join(os.tmpdir(), 'stackhook-kiwi-image-'));
  try {
    await writeFile(
      path.join(dir, 'Containerfile'),
      [
        `FROM ${base}`,
        'RUN apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends kiwi rsync debootstrap && rm -rf /var/lib/apt/lists/*',
        '',
      ].join('\n'),
    );
    await engine.build({
      subject: 'the kiwi-ng jobs’ image',
      contextDir: dir,
      dockerfile: path.join(dir, 'Containerfile'),
      tag: KIWI_IMAGE,
      buildArgs: {},
      labels: { 'io.stackhook.ims.kiwi': '1' },
      platform: ociPlatform(hostPlatform()),
      signal: options.signal,
      onOutput: options.onOutput,
    });
    return KIWI_IMAGE;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
