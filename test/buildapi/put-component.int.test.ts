import { randomBytes } from 'node:crypto';
import { mkdtemp, symlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { execa } from 'execa';
import { hostPlatform } from '../../src/hierarchy/platform.js';
import { FIXTURES, gitRepoFrom } from '../support/fixture-repo.js';
import { md5, useSharedRootService } from '../support/shared-root-service.js';

// PUT /build/component as ad-build's client calls it: tarballs from the volume the service shares with build
// containers; hostile paths and tarballs. Real store, real tar.
const fx = useSharedRootService();
const FLIP = path.join(FIXTURES, 'shared-root', 'flip_folder.py');

describe('PUT /build/component from the shared root', () => {
  it('stores a tarball left on the shared fx.root, serves it back, takes the same bytes again, refuses others', async () => {
    const file = path.join(fx.root, 'scratch', 'widget-main', 'build_results', 'widget-main.tar.gz');
    const bytes = await fx.tarball(file, { 'widget-main/bin/hello': 'echo hello\n' });
    const stored = await fx.put(fx.app, { component: 'widget', results_tarball: file, tag: 'v1.0' });
    expect(stored.statusCode).toBe(201);
    expect(stored.json()).toMatchObject({
      component: 'widget',
      tag: 'v1.0',
      architecture: 'noarch',
      md5: md5(bytes),
    });
    // Served for any architecture: ad-build's client puts without one and gets with its OS environment.
    for (const architecture of ['deb12', 'noarch', hostPlatform()]) {
      const got = await fx.app.inject(
        `/build/component?component=widget&tag=v1.0&architecture=${architecture}`,
      );
      expect([architecture, got.statusCode, got.headers['content-type']]).toEqual([
        architecture,
        200,
        'application/gzip',
      ]);
      expect(md5(got.rawPayload)).toBe(md5(bytes));
    }
    // Relative to the fx.root, the same bytes: stored already.
    const again = await fx.put(fx.app, {
      component: 'widget',
      results_tarball: path.relative(fx.root, file),
      tag: 'v1.0',
    });
    expect([again.statusCode, again.json().md5]).toEqual([200, md5(bytes)]);
    const other = path.join(fx.root, 'scratch', 'other.tar.gz');
    await fx.tarball(other, { 'widget-main/bin/hello': 'echo changed\n' });
    const conflict = await fx.put(fx.app, { component: 'widget', results_tarball: other, tag: 'v1.0' });
    expect(conflict.statusCode).toBe(409);
    expect(conflict.json().detail).toContain('stored already, with other bytes');
  });

  it('stores for one environment when arch is given', async () => {
    const file = path.join(fx.root, 'scratch', 'gadget.tar.gz');
    await fx.tarball(file, { 'gadget/README': 'deb12 only\n' });
    const stored = await fx.put(fx.app, {
      component: 'gadget',
      results_tarball: file,
      tag: 'v2',
      arch: 'deb12',
    });
    expect([stored.statusCode, stored.json().architecture]).toEqual([201, 'deb12']);
    expect(
      (await fx.app.inject('/build/component?component=gadget&tag=v2&architecture=deb12')).statusCode,
    ).toBe(200);
    expect(
      (await fx.app.inject('/build/component?component=gadget&tag=v2&architecture=noarch')).statusCode,
    ).toBe(404);
  });

  it('keeps one tarball when puts of one component race: the same bytes are taken once, other bytes refused', async () => {
    const first = path.join(fx.root, 'race', 'one.tar.gz');
    const second = path.join(fx.root, 'race', 'two.tar.gz');
    await fx.tarball(first, { 'racer/one': '1\n' });
    await fx.tarball(second, { 'racer/two': '2\n' });
    const same = await Promise.all(
      [1, 2, 3].map(() => fx.put(fx.app, { component: 'racer', results_tarball: first, tag: 'v1' })),
    );
    expect(same.map(({ statusCode }) => statusCode).sort()).toEqual([200, 200, 201]);
    const racing = await Promise.all(
      [first, second].map((file) => fx.put(fx.app, { component: 'racer', results_tarball: file, tag: 'v2' })),
    );
    expect(racing.map(({ statusCode }) => statusCode).sort()).toEqual([201, 409]);
    const winner = racing.find(({ statusCode }) => statusCode === 201)!.json().md5 as string;
    const got = await fx.app.inject('/build/component?component=racer&tag=v2&architecture=noarch');
    expect(md5(got.rawPayload)).toBe(winner);
  });

  it('keeps the tarball a PUT stored while a build of the same component, tag and architecture ran: the build ends in error', async () => {
    const source = await mkdtemp(path.join(fx.dir, 'slow-source-'));
    await writeFile(
      path.join(source, 'stackhook-build.yaml'),
      'command: [sh, -c, "sleep 6 && echo built > /out/built"]\n',
    );
    const repo = await gitRepoFrom(source, 'slow');
    await execa('git', ['tag', 'v1'], { cwd: repo });
    const key = { component: 'slow', tag: 'v1', architecture: hostPlatform() };
    const started = await fx.app.inject({
      method: 'POST',
      url: '/build/component',
      headers: fx.auth(),
      payload: { ...key, git_url: `file://${repo}` },
    });
    expect(started.statusCode).toBe(202);
    const file = path.join(fx.root, 'scratch', 'slow.tar.gz');
    const bytes = await fx.tarball(file, { 'slow/put': 'put\n' });
    const put = await fx.put(fx.app, {
      component: 'slow',
      tag: 'v1',
      arch: key.architecture,
      results_tarball: file,
    });
    expect(put.statusCode).toBe(201);
    let job = started.json() as { id: string; status: string; error: string | null };
    for (let tries = 0; tries < 600 && !['success', 'error'].includes(job.status); tries += 1) {
      await sleep(250);
      job = (await fx.app.inject(`/build/jobs/${job.id}`)).json();
    }
    expect(job.status).toBe('error');
    expect(job.error).toContain('stored already, with other bytes');
    const got = await fx.app.inject(
      `/build/component?component=slow&tag=v1&architecture=${key.architecture}`,
    );
    expect(md5(got.rawPayload)).toBe(md5(bytes));
  }, 300_000);

  it('never opens a file out of the root when a folder on the path is swapped for a link meanwhile', async () => {
    // Out of the root, a FIFO: a writer's open of it returns once anything opens it for reading.
    const out = await mkdtemp(path.join(fx.dir, 'swapped-out-'));
    const fifo = path.join(out, 'x.tar.gz');
    await execa('mkfifo', [fifo]);
    const writer = execa('sh', ['-c', 'exec 3>"$1"; echo opened', 'sh', fifo], { reject: false });
    const racy = await mkdtemp(path.join(fx.root, 'racy-'));
    await fx.tarball(path.join(racy, 'd', 'x.tar.gz'), { 'racy/file': 'in the root\n' });
    const flipper = execa('python3', [FLIP, racy, out, '30'], { reject: false });
    try {
      for (let tries = 0; tries < 1500 && writer.exitCode === null; tries += 1)
        await fx.put(fx.app, { component: 'racy', results_tarball: `${racy}/d/x.tar.gz`, tag: 'v1' });
    } finally {
      flipper.kill();
      await flipper;
    }
    writer.kill();
    expect((await writer).stdout).toBe('');
  }, 120_000);

  const hostile: [string, () => Promise<string>, string][] = [
    ['.. out of the root', async () => `${fx.root}/../outside.tar.gz`, 'without ..'],
    ['an absolute path outside the root', async () => fx.outside, 'not under the shared root'],
    ['a relative path with ..', async () => '../outside.tar.gz', 'without ..'],
    ['a missing file', async () => `${fx.root}/missing.tar.gz`, 'missing, or a link out of it'],
    [
      'a symlink out of the root',
      async () => {
        await symlink(fx.outside, path.join(fx.root, 'link.tar.gz'));
        return `${fx.root}/link.tar.gz`;
      },
      'missing, or a link out of it',
    ],
    [
      'a symlinked folder in the middle',
      async () => {
        await symlink(fx.dir, path.join(fx.root, 'up'));
        return `${fx.root}/up/outside.tar.gz`;
      },
      'missing, or a link out of it',
    ],
    [
      'a FIFO',
      async () => {
        await execa('mkfifo', [path.join(fx.root, 'fifo.tar.gz')]);
        return 'fifo.tar.gz';
      },
      'not a regular file',
    ],
    ['a folder', async () => 'dockerfiles', 'not a regular file'],
    [
      'a file that is not gzip',
      async () => {
        await writeFile(path.join(fx.root, 'plain.tar.gz'), 'just text\n');
        return 'plain.tar.gz';
      },
      'is not a gzip-compressed tar file',
    ],
    [
      'gzip of something that is no tar',
      async () => {
        await writeFile(
          path.join(fx.root, 'text.gz'),
          (await execa('gzip', ['-c'], { input: 'x'.repeat(2000), encoding: 'buffer' })).stdout,
        );
        return 'text.gz';
      },
      'is not a gzip-compressed tar file',
    ],
    [
      'a file over the size limit',
      async () => {
        await writeFile(path.join(fx.root, 'big.tar.gz'), randomBytes(2 * 1024 * 1024));
        return 'big.tar.gz';
      },
      'over 1048576 bytes',
    ],
    [
      'a tarball that unpacks past the limit',
      async () => {
        await fx.tarball(path.join(fx.root, 'bomb.tar.gz'), { 'bomb/zeros': '\0'.repeat(9 * 1024 * 1024) });
        return 'bomb.tar.gz';
      },
      'unpacks to over 8388608 bytes',
    ],
    [
      'a tarball holding ../',
      async () => {
        await fx.tarball(path.join(fx.root, 'dotdot.tar.gz'), { 'x/a': 'a\n' }, [
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
        const work = await mkdtemp(path.join(fx.dir, 'link-'));
        await symlink('/etc/passwd', path.join(work, 'passwd'));
        await execa('tar', ['czf', path.join(fx.root, 'linked.tar.gz'), 'passwd'], { cwd: work });
        return 'linked.tar.gz';
      },
      'links passwd out of its own tree',
    ],
  ];

  it.each(hostile)('refuses %s as results_tarball, storing nothing', async (_label, prepare, message) => {
    const before = await fx.store.list('components/');
    const refused = await fx.put(fx.app, {
      component: 'hostile',
      results_tarball: await prepare(),
      tag: 'v1',
    });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().detail).toContain('results_tarball');
    expect(refused.json().detail).toContain(message);
    expect(refused.body).not.toContain('outside-the-root');
    expect(await fx.store.list('components/')).toEqual(before);
  });

  it('is a 404 saying why on a service without a shared root', async () => {
    const refused = await fx.put(fx.bare, { component: 'widget', results_tarball: '/x.tar.gz', tag: 'v1.0' });
    expect(refused.statusCode).toBe(404);
    expect(refused.json().detail).toContain('serve --shared-root');
  });

  it('refuses an unknown arch, listing the known ones', async () => {
    const refused = await fx.put(fx.app, {
      component: 'widget',
      results_tarball: 'x',
      tag: 'v1.0',
      arch: 'rocky9',
    });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().detail).toContain('"rocky9" (known: x86_64, aarch64, noarch, deb12)');
  });
});
