import { PROBE_LABEL } from '../../src/engine/api-probe-session.js';
import { fixtureRepo } from '../support/fixture-repo.js';
import { startCli } from '../support/run-cli.js';
import { testEngine } from '../support/test-engine.js';

describe('Ctrl-C during a probe', () => {
  it('removes the probe container and exits 130', async () => {
    const repo = await fixtureRepo('probe-stack');
    const engine = testEngine();
    const before = new Set(await engine.containersWithLabel(PROBE_LABEL));
    const child = startCli(['hook', 'slow-probe', '--hierarchy', 'stacks.yaml', '--out', 'out'], repo);
    // Wait until the probe container exists (its python3 never answers), then interrupt.
    let probing: string[] = [];
    for (let attempt = 0; attempt < 600 && probing.length === 0; attempt++) {
      await new Promise((resolve) => setTimeout(resolve, 200));
      // Only this run's container of the slow image: other test files probe other images at the same time.
      const image = await engine.inspectImage('localhost:5000/stackhook-test/slow-probe:x86_64-latest');
      const ids = image ? await engine.containersWithLabel(`${PROBE_LABEL}=${image.id}`) : [];
      probing = ids.filter((id) => !before.has(id));
    }
    expect(probing).toHaveLength(1);
    child.kill('SIGINT');
    const result = await child;
    expect(result.exitCode).toBe(130);
    expect(String(result.stderr)).toContain('interrupted by SIGINT');
    const remaining = await engine.containersWithLabel(PROBE_LABEL);
    expect(remaining.filter((id) => probing.includes(id))).toEqual([]);
  });
});
