import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { execa, type ResultPromise } from 'execa';
import { openServiceDatabase } from '../../src/server/open-service-database.js';
import { createApiKey } from '../../src/service/auth/api-keys.js';
import { runCli, startCli } from '../support/run-cli.js';
import { servedAddress } from '../support/served-address.js';

// `stackhook serve --build-envs --shared-root` as an operator starts it: bad options stop it (exit 2, naming
// the file and key), good ones serve PUT and GET of components over a real port.
let dir: string;
let server: ResultPromise | undefined;
const md5 = (bytes: Buffer) => createHash('md5').update(bytes).digest('hex');

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'stackhook-serve-shared-'));
});
afterAll(() => {
  server?.kill('SIGKILL');
});

describe('serve --build-envs and --shared-root', () => {
  it.each([
    [
      'a build-envs key it does not know',
      ['--build-envs', 'envs.yaml'],
      'rhel9:\n  image: x/y:1\n  pull: always\n',
      'envs.yaml:3 rhel9.pull: unknown key(s): pull',
    ],
    [
      'a missing build-envs file',
      ['--build-envs', 'none.yaml'],
      '',
      'none.yaml: cannot read the build environments: ENOENT',
    ],
    [
      'a shared root that is no folder',
      ['--shared-root', 'envs.yaml'],
      'x: {image: x/y:1}\n',
      '--shared-root: not a folder: envs.yaml',
    ],
  ])(
    'stops on %s with exit 2, naming it',
    async (_label, args, text, message) => {
      await writeFile(path.join(dir, 'envs.yaml'), text);
      const result = await runCli(
        ['serve', '--database', path.join(dir, 'bad.sqlite'), '--port', '0', ...args],
        dir,
      );
      expect(result.exitCode).toBe(2);
      expect(result.stderr).toContain(message);
    },
    60_000,
  );

  it('serves PUT /build/component from the shared root (and its scratch beside it) and GET of it for a declared environment', async () => {
    const database = path.join(dir, 'service.sqlite');
    const opened = await openServiceDatabase(database);
    const key = await createApiKey(opened.db, 'builder', 'writer');
    await opened.db.destroy();
    const root = path.join(dir, 'registry');
    await mkdir(path.join(root, 'dockerfiles'), { recursive: true });
    await mkdir(path.join(dir, 'scratch'));
    await mkdir(path.join(dir, 'pack', 'tool-main'), { recursive: true });
    await writeFile(path.join(dir, 'pack', 'tool-main', 'README'), 'tool\n');
    const tarball = path.join(root, 'tool-main.tar.gz');
    await execa('tar', ['czf', tarball, 'tool-main'], { cwd: path.join(dir, 'pack') });
    await writeFile(path.join(dir, 'envs.yaml'), 'deb12: {image: localhost/deb12-env:latest}\n');
    server = startCli(
      [
        'serve',
        '--database',
        database,
        '--port',
        '0',
        '--artifacts',
        path.join(dir, 'artifacts'),
        '--build-envs',
        'envs.yaml',
        '--shared-root',
        root,
        // ad-build's builds leave their tarballs in /mnt/eed/ad-build/scratch, beside the registry folder.
        '--shared-tarballs',
        path.join(dir, 'scratch'),
      ],
      dir,
    );
    const address = await servedAddress(server);
    const stored = await fetch(`${address}/build/component`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
      body: JSON.stringify({ component: 'tool', tag: 'v1', results_tarball: tarball }),
    });
    expect(stored.status).toBe(201);
    const got = await fetch(`${address}/build/component?component=tool&tag=v1&architecture=deb12`);
    expect(got.status).toBe(200);
    expect(md5(Buffer.from(await got.arrayBuffer()))).toBe(md5(await readFile(tarball)));
    const scratch = path.join(dir, 'scratch', 'tool-dev-rhel8-66c4', 'build_results', 'tool-dev.tar.gz');
    await mkdir(path.dirname(scratch), { recursive: true });
    await execa('tar', ['czf', scratch, 'tool-main'], { cwd: path.join(dir, 'pack') });
    const put = (results_tarball: string) =>
      fetch(`${address}/build/component`, {
        method: 'PUT',
        headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
        body: JSON.stringify({ component: 'tool', tag: 'v2', results_tarball }),
      });
    const elsewhere = path.join(dir, 'elsewhere.tar.gz');
    await execa('tar', ['czf', elsewhere, 'tool-main'], { cwd: path.join(dir, 'pack') });
    const refused = await put(elsewhere);
    expect(refused.status).toBe(400);
    expect(((await refused.json()) as { detail: string }).detail).toContain('not under the shared root');
    expect((await put(scratch)).status).toBe(201);
    const unknown = await fetch(`${address}/build/component?component=tool&tag=v1&architecture=rocky9`);
    expect(unknown.status).toBe(400);
    expect(((await unknown.json()) as { detail: string }).detail).toContain(
      '(known: x86_64, aarch64, noarch, deb12)',
    );
  }, 120_000);
});
