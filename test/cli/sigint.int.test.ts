import { PROBE_LABEL } from '../../src/engine/api-probe-session.js';
import { fixtureRepo } from '../support/fixture-repo.js';
import { startCli } from '../support/run-cli.js';
import { testEngine } from '../support/test-engine.js';

describe('Ctrl-C during a probe', () => {
  it('removes the probe container and exits 130', async () => {
    const repo = await fixtureRepo('probe-stack');
    const engine = testEngine();
    const child = startCli(['hook', 'slow-probe', '--hierarchy', 'stacks.yaml', '--out', 'out'], repo);
    // Wait until the probe container exists (its python3 never answers), then interrupt.
    let probing: string[] = [];
    for (let attempt = 0; attempt < 600 && probing.length === 0; attempt++) {
      await new Promise((resolve) => setTimeout(resolve, 200));
      probing = await engine.containersWithLabel(PROBE_LABEL).then(async (ids) => {
        const image = await engine.inspectImage('localhost:5000/stackhook-test/slow-probe:x86_64-latest');
        return image
          ? await engine.containersWithLabel(`${PROBE_LABEL}=${image.id}`)
          : ids.filter(() => false);
      });
    }
    expect(probing).toHaveLength(1);
    child.kill('SIGINT');
    const result = await child;
    expect(result.exitCode).toBe(130);
    expect(String(result.stderr)).toContain('interrupted by SIGINT');
    const image = await engine.inspectImage('localhost:5000/stackhook-test/slow-probe:x86_64-latest');
    expect(await engine.containersWithLabel(`${PROBE_LABEL}=${image!.id}`)).toEqual([]);
  });
});
