import { walkSummary } from './walk-summary.js';
import type { WalkedImage } from './walked-image.js';

const walked = (
  image: string,
  variant: string,
  status: WalkedImage['status'],
  reason?: string,
): WalkedImage => ({
  image,
  variant,
  status,
  reason,
  probed: status === 'built',
  durationMs: 1500,
  record: undefined,
});

describe('walkSummary', () => {
  it('names a variant’s build `image (variant)`, each on its own line, aligned with the others', () => {
    const summary = walkSummary({
      durationMs: 4000,
      images: [
        walked('app', 'default', 'built'),
        walked('app', 'own', 'built'),
        walked('app', 'broken', 'failed', 'build failed'),
        walked('app-child', 'default', 'skipped', 'app failed'),
      ],
    });
    expect(summary.split('\n')).toEqual([
      'walk: 4 images in 4.0 s — 2 built, 0 reused, 1 failed, 1 skipped',
      '  app           built      1.5s',
      '  app (own)     built      1.5s',
      '  app (broken)  failed     1.5s  build failed',
      '  app-child     skipped          app failed',
    ]);
  });
});
