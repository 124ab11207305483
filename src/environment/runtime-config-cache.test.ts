import { mkdtemp, utimes, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { cachedRuntimeDecision, saveRuntimeDecision } from './runtime-config-cache.js';

describe('the runtime-config decision kept between commands', () => {
  const before = process.env.STACKHOOK_STATE_DIR;
  let podman: string;

  beforeEach(async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'stackhook-runtime-cache-'));
    process.env.STACKHOOK_STATE_DIR = path.join(dir, 'state');
    podman = path.join(dir, 'podman');
    await writeFile(podman, 'a podman binary');
  });
  afterAll(() => {
    if (before === undefined) delete process.env.STACKHOOK_STATE_DIR;
    else process.env.STACKHOOK_STATE_DIR = before;
  });

  it('is reused for the same podman binary', async () => {
    expect(await cachedRuntimeDecision(podman)).toBeUndefined();
    await saveRuntimeDecision(podman, true, 'default configuration fails');
    expect(await cachedRuntimeDecision(podman)).toMatchObject({
      useProjectConfig: true,
      reason: 'default configuration fails',
    });
  });

  it('is forgotten when podman changes (another binary, or the same one upgraded)', async () => {
    await saveRuntimeDecision(podman, false, 'default works');
    expect(await cachedRuntimeDecision(`${podman}-other`)).toBeUndefined();
    await utimes(podman, new Date(), new Date(Date.now() + 60_000));
    expect(await cachedRuntimeDecision(podman)).toBeUndefined();
  });
});
