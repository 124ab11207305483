import type { Platform } from '../hierarchy/platform.js';
import { mergePlan } from './merge-plan.js';

describe('mergePlan', () => {
  it("joins each platform's tag under the tag without the platform prefix (docker-stacks' merge_tags)", () => {
    const plan = mergePlan(
      new Map<Platform, string[]>([
        ['x86_64', ['r/o/img:x86_64-latest', 'r/o/img:x86_64-python-3.11.2', 'r/o/img:x86_64-cuda-latest']],
        ['aarch64', ['r/o/img:aarch64-latest', 'r/o/img:aarch64-python-3.11.2']],
      ]),
    );
    expect(
      Object.fromEntries([...plan].map(([tag, byPlatform]) => [tag, Object.fromEntries(byPlatform)])),
    ).toEqual({
      latest: { x86_64: 'x86_64-latest', aarch64: 'aarch64-latest' },
      'python-3.11.2': { x86_64: 'x86_64-python-3.11.2', aarch64: 'aarch64-python-3.11.2' },
      'cuda-latest': { x86_64: 'x86_64-cuda-latest' },
    });
  });

  it('ignores a line whose tag does not carry its platform prefix', () => {
    expect(
      mergePlan(new Map<Platform, string[]>([['x86_64', ['r/o/img:latest', 'r/o/img:aarch64-1.0']]])).size,
    ).toBe(0);
  });
});
