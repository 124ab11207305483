import { randomBytes } from 'node:crypto';
import { mkdtemp, symlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { execa } from 'execa';
import { hostPlatform } from '../../src/hierarchy/platform.js';
import type { FastifyInstance } from 'fastify';
import type { FilesystemArtifactStore } from '../../src/artifacts/filesystem-artifact-store.js';
import {
  md5,
  sharedRootService,
  tarball as pack,
  type SharedRootService,
} from '../support/shared-root-service.js';

// PUT /build/component as ad-build's client calls it: tarballs from the volume the service shares with build
// containers; hostile paths and tarballs. Real store, real tar.
let service: SharedRootService;
let dir: string;
let root: string;
let outside: string;
let store: FilesystemArtifactStore;
let app: FastifyInstance;
let bare: FastifyInstance;
const auth = () => ({ authorization: `Bearer ${service.writer}` });
const put = (target: FastifyInstance, payload: object) =>
  target.inject({ method: 'PUT', url: '/build/component', headers: auth(), payload });
const tarball = (file: string, files: Record<string, string>, extra: string[] = []) =>
  pack(dir, file, files, extra);

beforeAll(async () => {
  service = await sharedRootService();
  ({ dir, root, outside, store, app, bare } = service);
}, 300_000);
afterAll(() => service?.close());

describe('PUT /build/component from the shared root', () => {
  it('stores a tarball left on the shared root, serves it back, takes the same bytes again, refuses others', async () => {
    const file = path.join(root, 'scratch', 'widget-main', 'build_results', 'widget-main.tar.gz');
    const bytes = await tarball(file, { 'widget-main/bin/hello': 'echo hello\n' });
    const stored = await put(app, { component: 'widget', results_tarball: file, tag: 'v1.0' });
    expect(stored.statusCode).toBe(201);
    expect(stored.json()).toMatchObject({
      component: 'widget',
      tag: 'v1.0',
      architecture: 'noarch',
      md5: md5(bytes),
    });
    // Served for any architecture: ad-build's client puts without one and gets with its OS environment.
    for (const architecture of ['deb12', 'noarch', hostPlatform()]) {
      const got = await app.inject(`/build/component?component=widget&tag=v1.0&architecture=${architecture}`);
      expect([architecture, got.statusCode, got.headers['content-type']]).toEqual([
        architecture,
        200,
        'application/gzip',
      ]);
      expect(md5(got.rawPayload)).toBe(md5(bytes));
    }
    // Relative to the root, the same bytes: stored already.
    const again = await put(app, {
      component: 'widget',
      results_tarball: path.relative(root, file),
      tag: 'v1.0',
    });
    expect([again.statusCode, again.json().md5]).toEqual([200, md5(bytes)]);
    const other = path.join(root, 'scratch', 'other.tar.gz');
    await tarball(other, { 'widget-main/bin/hello': 'echo changed\n' });
    const conflict = await put(app, { component: 'widget', results_tarball: other, tag: 'v1.0' });
    expect(conflict.statusCode).toBe(409);
    expect(conflict.json().detail).toContain('stored already, with other bytes');
  });

  it('stores for one environment when arch is given', async () => {
    const file = path.join(root, 'scratch', 'gadget.tar.gz');
    await tarball(file, { 'gadget/README': 'deb12 only\n' });
    const stored = await put(app, { component: 'gadget', results_tarball: file, tag: 'v2', arch: 'deb12' });
    expect([stored.statusCode, stored.json().architecture]).toEqual([201, 'deb12']);
    expect((await app.inject('/build/component?component=gadget&tag=v2&architecture=deb12')).statusCode).toBe(
      200,
    );
    expect(
      (await app.inject('/build/component?component=gadget&tag=v2&architecture=noarch')).statusCode,
    ).toBe(404);
  });

  it('keeps one tarball when puts of one component race: the same bytes are taken once, other bytes refused', async () => {
    const first = path.join(root, 'race', 'one.tar.gz');
    const second = path.join(root, 'race', 'two.tar.gz');
    await tarball(first, { 'racer/one': '1\n' });
    await tarball(second, { 'racer/two': '2\n' });
    const same = await Promise.all(
      [1, 2, 3].map(() => put(app, { component: 'racer', results_tarball: first, tag: 'v1' })),
    );
    expect(same.map(({ statusCode }) => statusCode).sort()).toEqual([200, 200, 201]);
    const racing = await Promise.all(
      [first, second].map((file) => put(app, { component: 'racer', results_tarball: file, tag: 'v2' })),
    );
    expect(racing.map(({ statusCode }) => statusCode).sort()).toEqual([201, 409]);
    const winner = racing.find(({ statusCode }) => statusCode === 201)!.json().md5 as string;
    const got = await app.inject('/build/component?component=racer&tag=v2&architecture=noarch');
    expect(md5(got.rawPayload)).toBe(winner);
  });

  const hostile: [string, () => Promise<string>, string][] = [
    ['.. out of the root', async () => `${root}/../outside.tar.gz`, 'without ..'],
    ['an absolute path outside the root', async () => outside, 'not under the shared root'],
    ['a relative path with ..', async () => '../outside.tar.gz', 'without ..'],
    ['a missing file', async () => `${root}/missing.tar.gz`, 'missing, or a link out of it'],
    [
      'a symlink out of the root',
      async () => {
        await symlink(outside, path.join(root, 'link.tar.gz'));
        return `${root}/link.tar.gz`;
      },
      'missing, or a link out of it',
    ],
    [
      'a symlinked folder in the middle',
      async () => {
        await symlink(dir, path.join(root, 'up'));
        return `${root}/up/outside.tar.gz`;
      },
      'missing, or a link out of it',
    ],
    [
      'a FIFO',
      async () => {
        await execa('mkfifo', [path.join(root, 'fifo.tar.gz')]);
        return 'fifo.tar.gz';
      },
      'not a regular file',
    ],
    ['a folder', async () => 'dockerfiles', 'not a regular file'],
    [
      'a file that is not gzip',
      async () => {
        await writeFile(path.join(root, 'plain.tar.gz'), 'just text\n');
        return 'plain.tar.gz';
      },
      'is not a gzip-compressed tar file',
    ],
    [
      'gzip of something that is no tar',
      async () => {
        await writeFile(
          path.join(root, 'text.gz'),
          (await execa('gzip', ['-c'], { input: 'x'.repeat(2000), encoding: 'buffer' })).stdout,
        );
        return 'text.gz';
      },
      'is not a gzip-compressed tar file',
    ],
    [
      'a file over the size limit',
      async () => {
        await writeFile(path.join(root, 'big.tar.gz'), randomBytes(2 * 1024 * 1024));
        return 'big.tar.gz';
      },
      'over 1048576 bytes',
    ],
    [
      'a tarball that unpacks past the limit',
      async () => {
        await tarball(path.join(root, 'bomb.tar.gz'), { 'bomb/zeros': '\0'.repeat(9 * 1024 * 1024) });
        return 'bomb.tar.gz';
      },
      'unpacks to over 8388608 bytes',
    ],
    [
      'a tarball holding ../',
      async () => {
        await tarball(path.join(root, 'dotdot.tar.gz'), { 'x/a': 'a\n' }, [
          '--absolute-names',
          '--transform=s,^x,../x,',
        ]);
        return 'dotdot.tar.gz';
      },
      'outside its own tree',
    ],
    [
      'a tarball with a link out of it',
      async () => {
        const work = await mkdtemp(path.join(dir, 'link-'));
        await symlink('/etc/passwd', path.join(work, 'passwd'));
        await execa('tar', ['czf', path.join(root, 'linked.tar.gz'), 'passwd'], { cwd: work });
        return 'linked.tar.gz';
      },
      'links passwd out of its own tree',
    ],
  ];

  it.each(hostile)('refuses %s as results_tarball, storing nothing', async (_label, prepare, message) => {
    const before = await store.list('components/');
    const refused = await put(app, { component: 'hostile', results_tarball: await prepare(), tag: 'v1' });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().detail).toContain('results_tarball');
    expect(refused.json().detail).toContain(message);
    expect(refused.body).not.toContain('outside-the-root');
    expect(await store.list('components/')).toEqual(before);
  });

  it('is a 404 saying why on a service without a shared root', async () => {
    const refused = await put(bare, { component: 'widget', results_tarball: '/x.tar.gz', tag: 'v1.0' });
    expect(refused.statusCode).toBe(404);
    expect(refused.json().detail).toContain('serve --shared-root');
  });

  it('refuses an unknown arch, listing the known ones', async () => {
    const refused = await put(app, {
      component: 'widget',
      results_tarball: 'x',
      tag: 'v1.0',
      arch: 'rocky9',
    });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().detail).toContain('"rocky9" (known: x86_64, aarch64, noarch, deb12)');
  });
});
