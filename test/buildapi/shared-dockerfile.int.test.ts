import { mkdir, symlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { execa } from 'execa';
import type { ComponentJobRecord } from '../../src/buildapi/component/component-job-repository.js';
import { gitRepoFrom } from '../support/fixture-repo.js';
import { readFromImage } from '../support/podman-run.js';
import { testEngine } from '../support/test-engine.js';
import { ENV_IMAGE, useSharedRootService } from '../support/shared-root-service.js';

// POST /build/image of a Dockerfile on the shared root that ADDs stored components, as ad-build's scripts
// generate it; builds in a declared Debian environment. Real podman, registry, store.
const fx = useSharedRootService();

describe('POST /build/image from a Dockerfile on the shared root', () => {
  it('builds ad-build’s generated Dockerfile: the environment’s FROM, two stored components ADDed, pushed', async () => {
    await fx.tarball(path.join(fx.root, 'alpha.tar.gz'), { 'alpha/lib/alpha.txt': 'alpha 1.0\n' });
    await fx.tarball(path.join(fx.root, 'beta.tar.gz'), {
      'beta/bin/beta': 'beta 2.0\n',
      'beta/share/doc': 'doc\n',
    });
    expect(
      (await fx.put(fx.app, { component: 'alpha', results_tarball: 'alpha.tar.gz', tag: 'R1.0' })).statusCode,
    ).toBe(201);
    expect(
      (await fx.put(fx.app, { component: 'beta', results_tarball: 'beta.tar.gz', tag: 'R2.0' })).statusCode,
    ).toBe(201);
    // As start_build.py writes it (their registry path is our shared fx.root).
    await writeFile(
      path.join(fx.root, 'dockerfiles', 'demo-app-main-deb12'),
      [
        'FROM ghcr.io/ad-build-test/deb12-env:latest',
        `ADD ${fx.root}/alpha/R1.0 /build`,
        `ADD ${fx.root}/beta/R2.0 /build`,
        'COPY component:alpha/R1.0 /opt/alpha',
        'RUN cat /etc/build-env /build/alpha/lib/alpha.txt /build/beta/bin/beta',
        '',
      ].join('\n'),
    );
    const built = await fx.postImage({ dockerfile: 'demo-app-main-deb12', architecture: 'deb12' });
    expect({ status: built.statusCode, problem: built.statusCode === 201 ? '' : built.body }).toEqual({
      status: 201,
      problem: '',
    });
    const image = built.json() as { name: string; reference: string; tag: string };
    // The branch is what follows the last dash: the image's name is the same whichever way it splits.
    expect(image.name).toBe('demo-app-main-image');
    expect(image.tag).toMatch(/^deb12-sha-[0-9a-f]{12}$/);
    const rows = await fx.database.db
      .selectFrom('swtag')
      .select(['imagetype', 'prodstep', 'imagearch'])
      .execute();
    expect(rows).toContainEqual({ imagetype: 'demo-app', prodstep: 'main', imagearch: 'deb12' });
    // The pushed image, pulled and run: its files came from the fx.store.
    await testEngine().pull(image.reference, undefined, { tlsVerify: false });
    try {
      expect(
        await readFromImage(image.reference, [
          'cat',
          '/etc/build-env',
          '/build/alpha/lib/alpha.txt',
          '/build/beta/bin/beta',
          '/build/beta/share/doc',
          '/opt/alpha/alpha/lib/alpha.txt',
        ]),
      ).toBe('deb12\nalpha 1.0\nbeta 2.0\ndoc\nalpha 1.0');
    } finally {
      await testEngine().removeImage(image.reference);
    }
  }, 600_000);

  it('refuses a Dockerfile that ADDs a file of the machine, or a component that is not stored', async () => {
    await writeFile(
      path.join(fx.root, 'dockerfiles', 'evil-main-deb12'),
      `FROM ${ENV_IMAGE}\nADD /etc/passwd /x\n`,
    );
    const machine = await fx.postImage({ dockerfile: 'evil-main-deb12', architecture: 'deb12' });
    expect(machine.statusCode).toBe(400);
    expect(machine.json().detail).toContain(
      'dockerfile:2: ADD /etc/passwd: the build context holds only stored components',
    );
    await writeFile(
      path.join(fx.root, 'dockerfiles', 'lost-main-deb12'),
      `FROM ${ENV_IMAGE}\nADD ${fx.root}/nothing/v9 /build\n`,
    );
    const missing = await fx.postImage({ dockerfile: 'lost-main-deb12', architecture: 'deb12' });
    expect(missing.statusCode).toBe(400);
    expect(missing.json().detail).toContain('component nothing v9, which is not stored for deb12');
  }, 300_000);

  const names: [string, () => Promise<string>, string][] = [
    ['a path', async () => '../registry/dockerfiles/x', 'one file of <shared root>/dockerfiles/'],
    ['a subfolder', async () => 'sub/x', 'one file of <shared root>/dockerfiles/'],
    ['a hidden name', async () => '.x', 'one file of <shared root>/dockerfiles/'],
    ['..', async () => '..', 'one file of <shared root>/dockerfiles/'],
    ['a missing file', async () => 'nothing-main-deb12', 'missing, or a link out of it'],
    [
      'a symlink out of the root',
      async () => {
        await symlink('/etc/hostname', path.join(fx.root, 'dockerfiles', 'host-main-deb12'));
        return 'host-main-deb12';
      },
      'missing, or a link out of it',
    ],
    [
      'a FIFO',
      async () => {
        await execa('mkfifo', [path.join(fx.root, 'dockerfiles', 'fifo-main-deb12')]);
        return 'fifo-main-deb12';
      },
      'not a regular file',
    ],
    [
      'a name with no component and branch in it',
      async () => {
        await writeFile(path.join(fx.root, 'dockerfiles', 'Upper'), `FROM ${ENV_IMAGE}\n`);
        return 'Upper';
      },
      'cannot read a component and branch from the name Upper',
    ],
  ];

  it.each(names)('refuses %s as a Dockerfile name', async (_label, prepare, message) => {
    const refused = await fx.postImage({ dockerfile: await prepare(), architecture: 'deb12' });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().detail).toContain('dockerfile');
    expect(refused.json().detail).toContain(message);
  });
});

describe('build environments', () => {
  it('builds a component in the declared Debian environment’s image', async () => {
    const source = path.join(fx.dir, 'envcomp-source');
    await mkdir(source);
    await writeFile(
      path.join(source, 'stackhook-build.yaml'),
      'command: [sh, -c, "cp /etc/build-env /out/env && cat /etc/debian_version > /out/debian"]\n',
    );
    const repo = await gitRepoFrom(source, 'envcomp');
    await execa('git', ['tag', 'v1.0'], { cwd: repo });
    const started = await fx.app.inject({
      method: 'POST',
      url: '/build/component',
      headers: fx.auth(),
      payload: { git_url: `file://${repo}`, component: 'envcomp', tag: 'v1.0', architecture: 'deb12' },
    });
    expect(started.statusCode).toBe(202);
    let job = started.json() as ComponentJobRecord;
    for (let tries = 0; tries < 1200 && !['success', 'error'].includes(job.status); tries += 1) {
      await sleep(250);
      job = (await fx.app.inject(`/build/jobs/${job.id}`)).json() as ComponentJobRecord;
    }
    expect([job.status, job.error]).toEqual(['success', null]);
    const got = await fx.app.inject('/build/component?component=envcomp&tag=v1.0&architecture=deb12');
    expect(got.statusCode).toBe(200);
    const file = path.join(fx.dir, 'envcomp.tar.gz');
    await writeFile(file, got.rawPayload);
    const { stdout } = await execa('tar', ['xzOf', file, './env']);
    expect(stdout).toBe('deb12');
  }, 600_000);

  it.each([
    [
      'POST /build/component',
      {
        method: 'POST' as const,
        url: '/build/component',
        payload: { git_url: 'file:///x', component: 'x', tag: 'v1', architecture: 'rocky9' },
      },
    ],
    [
      'GET /build/component',
      { method: 'GET' as const, url: '/build/component?component=x&tag=v1&architecture=rocky9' },
    ],
    [
      'POST /build/image',
      {
        method: 'POST' as const,
        url: '/build/image',
        payload: {
          component: 'x',
          branch: 'main',
          architecture: 'rocky9',
          dockerfile: `FROM ${ENV_IMAGE}\n`,
        },
      },
    ],
  ])('answers an unknown environment in %s with a 400 listing the known ones', async (_label, request) => {
    const refused = await fx.app.inject({ ...request, headers: fx.auth() });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().detail).toContain(
      'architecture: unknown architecture or build environment "rocky9" (known: x86_64, aarch64, noarch, deb12)',
    );
  });
});
