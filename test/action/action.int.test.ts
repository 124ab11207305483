import { cp, mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { execa } from 'execa';
import type { FastifyInstance } from 'fastify';
import { createApiKey } from '../../src/service/auth/api-keys.js';
import { buildServiceApp } from '../../src/server/build-service-app.js';
import { openServiceDatabase, type ServiceDatabase } from '../../src/server/open-service-database.js';
import type { BuildRecord } from '../../src/records/build-record.js';
import { fixtureRepo } from '../support/fixture-repo.js';
import { skopeoDigest } from '../support/skopeo-digest.js';
import { ACTION_ENTRY, runAction } from '../support/run-action.js';

// The bundled Action (dist/action.mjs) run as a runner runs it, against real podman, registry and catalog:
// register-stack's root built and pushed by one "job", its child by another that only has the first's records.
const REGISTRY = process.env.STACKHOOK_TEST_REGISTRY!;
const ACTION_ROOT = path.dirname(path.dirname(ACTION_ENTRY));
const PODMAN = process.env.STACKHOOK_PODMAN ?? 'podman';
const owner = `action-${Date.now()}`;
let repo: string;
let catalog: ServiceDatabase;
let app: FastifyInstance;
let catalogUrl: string;
let writerKey: string;

beforeAll(async () => {
  repo = await fixtureRepo('register-stack');
  catalog = await openServiceDatabase(
    path.join(await mkdtemp(path.join(os.tmpdir(), 'stackhook-action-')), 'c.sqlite'),
  );
  writerKey = await createApiKey(catalog.db, 'ci-bot', 'writer');
  app = await buildServiceApp({ db: catalog.db });
  catalogUrl = await app.listen({ host: '127.0.0.1', port: 0 });
});
afterAll(async () => {
  await app?.close();
  await catalog?.db.destroy();
});

describe('the Action (dist/action.mjs)', () => {
  it('plans a matrix per level and shows it in the job summary', async () => {
    const run = await runAction(repo, { command: 'plan', hierarchy: 'stacks.yaml' }, 'push');
    expect(run.exitCode).toBe(0);
    expect(JSON.parse(run.outputs.matrix!)).toEqual({
      '0': { include: [{ image: 'root', platform: 'x86_64', level: 0, parent: null }] },
      '1': { include: [{ image: 'child', platform: 'x86_64', level: 1, parent: 'root' }] },
    });
    expect(JSON.parse(run.outputs.levels!)).toEqual([['root'], ['child']]);
    expect(run.summary).toContain('## stackhook plan');
    expect(run.summary).toContain('| 1 | child (x86_64) |');
  });

  it('plans variants as matrix entries of their own, and a fan-out job builds an entry’s variant', async () => {
    const variants = await fixtureRepo('variant-stack');
    const run = await runAction(variants, { command: 'plan', hierarchy: 'stacks.yaml' }, 'push');
    expect(run.exitCode).toBe(0);
    const matrix = JSON.parse(run.outputs.matrix!) as Record<string, { include: { variant?: string }[] }>;
    expect(matrix['1']!.include.map((build) => build.variant)).toEqual([undefined, 'own', 'broken']);
    expect(JSON.parse(run.outputs.levels!)).toEqual([
      ['root'],
      ['app', 'app (own)', 'app (broken)'],
      ['app-child'],
    ]);
    expect(run.outputs.images).toBe('root\napp\napp-child');
    expect(run.summary).toContain('| 1 | app (x86_64), app (x86_64, own), app (x86_64, broken) |');
    // What the fan-out job hands the Action: `${{ matrix.variant }}`, empty on the default's entry.
    const entries: [string, string][] = [
      ['own', 'x86_64-own'],
      ['', 'x86_64'],
    ];
    for (const [variant, prefix] of entries) {
      const hook = await runAction(
        variants,
        {
          command: 'hook',
          hierarchy: 'stacks.yaml',
          images: 'app',
          platform: 'x86_64',
          variant,
          push: 'false',
        },
        'push',
      );
      expect(hook.exitCode).toBe(0);
      const [record] = JSON.parse(hook.outputs.json!) as BuildRecord[];
      expect(record!.tagPrefix).toBe(prefix);
    }
  });

  it('builds but does not push on a pull request', async () => {
    const run = await runAction(
      repo,
      {
        command: 'hook',
        hierarchy: 'stacks.yaml',
        images: 'root',
        registries: `${REGISTRY}/${owner}-pr`,
        out: 'out-pr',
      },
      'pull_request',
    );
    expect(run.exitCode).toBe(0);
    expect(run.outputs.tags!.split('\n')[0]).toBe('localhost:5000/stackhook-register/root:x86_64-latest');
    expect(JSON.parse(run.outputs.digests!)).toEqual({});
    expect(run.summary).toContain(
      'Event `pull_request` on `refs/pull/42/merge` · not pushed (pull request #42)',
    );
    expect(run.stdout).toMatch(/::group::probe root/);
    const listed = await execa(
      'skopeo',
      ['list-tags', '--tls-verify=false', `docker://${REGISTRY}/${owner}-pr/root`],
      {
        reject: false,
      },
    );
    expect(listed.exitCode).not.toBe(0); // no such repository
  });

  it('fans out: a level-0 job pushes root, a level-1 job with only its records builds child on it and registers', async () => {
    const password = 'pa55-word-never-printed';
    const level0 = await runAction(
      repo,
      {
        command: 'hook',
        hierarchy: 'stacks.yaml',
        images: 'root',
        registries: `${REGISTRY}/${owner}`,
        username: 'ci',
        password,
        out: 'out-level0',
      },
      'push',
    );
    expect(level0.exitCode).toBe(0);
    expect(level0.stdout).toContain(`::add-mask::${password}`);
    expect(level0.stdout.split(`::add-mask::${password}`).join('')).not.toContain(password);
    const rootDigest = (JSON.parse(level0.outputs.digests!) as Record<string, string>).root!;
    expect(await skopeoDigest(`${REGISTRY}/${owner}/root:x86_64-latest`)).toBe(rootDigest);
    expect(level0.summary).toContain(`| \`x86_64-latest\` | \`${REGISTRY}/${owner}/root:x86_64-latest\` |`);

    // The next job: a fresh out folder holding only what the artifact carries (records and push records),
    // and no local root image: it must come from the registry.
    const artifact = path.join(repo, 'out-level1');
    for (const kind of ['records', 'pushed']) {
      await mkdir(path.join(artifact, kind), { recursive: true });
      await cp(path.join(repo, 'out-level0', kind), path.join(artifact, kind), { recursive: true });
    }
    const [rootRecord] = JSON.parse(level0.outputs.json!) as BuildRecord[];
    await execa(PODMAN, ['rmi', '--force', rootRecord!.built.imageId]);
    const level1 = await runAction(
      repo,
      {
        command: 'hook',
        hierarchy: 'stacks.yaml',
        images: 'child',
        registries: `${REGISTRY}/${owner}`,
        'parents-from': 'registry',
        'catalog-url': catalogUrl,
        'catalog-token': writerKey,
        out: 'out-level1',
      },
      'tag',
    );
    expect(level1.exitCode).toBe(0);
    expect(level1.stdout).toContain(`::group::pull root (${REGISTRY}/${owner}/root@${rootDigest})`);
    expect(level1.stdout.split(`::add-mask::${writerKey}`).join('')).not.toContain(writerKey);
    const [child] = JSON.parse(level1.outputs.json!) as (BuildRecord & { registered: { swtag: string } })[];
    expect(child!.built.parentImageId).toBe(rootRecord!.built.imageId);
    // The bundle finds its own package (dist/ is one level down): the SBOM names stackhook's real version.
    const { version } = JSON.parse(await readFile(path.join(ACTION_ROOT, 'package.json'), 'utf8')) as {
      version: string;
    };
    const sbom = JSON.parse(await readFile(path.resolve(repo, child!.files.sbom), 'utf8')) as {
      metadata: { tools: unknown };
    };
    expect(JSON.stringify(sbom.metadata.tools)).toContain(`"version":"${version}"`);
    expect(child!.registered.swtag).toBe('sw1');
    expect(await skopeoDigest(`${REGISTRY}/${owner}/child:sw1-0`)).toBe(
      (JSON.parse(level1.outputs.digests!) as Record<string, string>).child,
    );
    expect(level1.summary).toContain('Event `push` on tag `v2026.11.0` · push on');
    expect(level1.summary).toContain(
      `[SW-Tag sw1](${catalogUrl}/swtags/sw1): \`${REGISTRY}/${owner}/child:sw1-0\``,
    );
    expect(level1.summary).toMatch(
      /\[wiki page\]\(https:\/\/github\.com\/stackhook\/stacks\/wiki\/x86_64-default-child-[0-9a-f]{12}\)/,
    );
    const images = await catalog.db.selectFrom('image').selectAll().execute();
    expect(images.map((image) => [image.repository_name, image.createdby])).toEqual([['child', 'ci-bot']]);
  });

  it('walks on a schedule, everything unchanged, and reports every image', async () => {
    const run = await runAction(
      repo,
      { command: 'walk', hierarchy: 'stacks.yaml', registries: `${REGISTRY}/${owner}`, out: 'out-level0' },
      'schedule',
    );
    expect(run.exitCode).toBe(0);
    expect((JSON.parse(run.outputs.json!) as BuildRecord[]).map((record) => record.image)).toEqual([
      'root',
      'child',
    ]);
    expect(run.outputs.manifests!.split('\n')).toHaveLength(2);
    expect(run.summary).toContain('### root (x86_64)');
    expect(run.summary).toContain('### child (x86_64)');
  });

  it('annotates a hierarchy error at its file and line, and fails the step', async () => {
    await writeFile(path.join(repo, 'broken.yaml'), 'images:\n  root:\n    taggers: [sha, pyton]\n');
    const run = await runAction(repo, { command: 'plan', hierarchy: 'broken.yaml' }, 'push');
    expect(run.exitCode).toBe(1);
    expect(run.stdout).toMatch(
      /::error title=stackhook,file=broken\.yaml,line=3::broken\.yaml:3 images\.root\.taggers\.1 \(image root\): unknown tagger "pyton"/,
    );
  });

  it('names the input at fault', async () => {
    const run = await runAction(repo, { command: 'build' }, 'push');
    expect(run.exitCode).toBe(1);
    expect(run.stdout).toContain('input "command": "build" is not one of hook, walk, plan');
  });
});
