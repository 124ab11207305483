import { mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { hostPlatform } from '../../src/hierarchy/platform.js';
import { runCli, startCli } from '../support/run-cli.js';
import { servedAddress } from '../support/served-address.js';

// `stackhook serve --trust-network` as an operator starts it: a bad range is refused before anything starts;
// from loopback, the build API answers key-less callers while the catalog still wants a key.
const OTHER_ARCH = hostPlatform() === 'x86_64' ? 'aarch64' : 'x86_64';
let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'stackhook-trust-'));
});

describe('serve --trust-network', () => {
  it.each([
    [['--trust-network', '0.0.0.0/0'], '--trust-network'],
    [['--trust-network', '10.0.0.0/8,example.org'], 'example.org'],
    [['--trust-network', '127.0.0.0/8', '--trust-network-user', '-rf'], '--trust-network-user'],
  ])('refuses %j (exit 2, naming it)', async (args, named) => {
    const result = await runCli(['serve', '--database', path.join(dir, 'refused.sqlite'), ...args], dir);
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toContain(named);
  });

  it('lets loopback callers use the build API without a key, never the catalog', async () => {
    const server = startCli(
      ['serve', '--database', path.join(dir, 's.sqlite'), '--port', '0', '--trust-network', '127.0.0.0/8'],
      dir,
    );
    try {
      const address = await servedAddress(server);
      const image = await fetch(`${address}/image`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          component: 'demo',
          branch: 'main',
          arch: OTHER_ARCH,
          dockerfile: 'FROM scratch\n',
        }),
      });
      // Past the key check: the architecture is what is refused.
      expect(image.status).toBe(400);
      expect(((await image.json()) as { errorMessage: string }).errorMessage).toContain(`not ${OTHER_ARCH}`);
      const swtag = await fetch(`${address}/api/v1/swtags`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ TAGTYPE: 'build' }),
      });
      expect(swtag.status).toBe(401);
    } finally {
      server.kill('SIGTERM');
      await server;
    }
  }, 120_000);
});
