import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { execa } from 'execa';
import type { FastifyInstance } from 'fastify';
import { createApiKey } from '../../src/service/auth/api-keys.js';
import { buildServiceApp } from '../../src/server/build-service-app.js';
import { openServiceDatabase, type ServiceDatabase } from '../../src/server/open-service-database.js';
import type { RegisteredImage } from '../../src/records/registered-image.js';
import { fixtureRepo } from '../support/fixture-repo.js';
import { skopeoDigest } from '../support/skopeo-digest.js';
import { runCli } from '../support/run-cli.js';

// `--register` for real: podman builds register-stack, pushes to the test registry, registers in a SQLite catalog
// (hook, straight into the database) or through a catalog service over a real port (walk, with a key).
const REGISTRY = process.env.STACKHOOK_TEST_REGISTRY!;
let repo: string;
let out: string;
let database: string;
const owner = `register-${Date.now()}`;

/** What the registry holds for a reference, read by skopeo (not by stackhook's own client). */
const registryTags = async (repository: string) =>
  (
    JSON.parse(
      (await execa('skopeo', ['list-tags', '--tls-verify=false', `docker://${repository}`])).stdout,
    ) as { Tags: string[] }
  ).Tags.sort();

const hookChild = (...extra: string[]) =>
  runCli(
    [
      'hook',
      'child',
      '--hierarchy',
      path.join(repo, 'stacks.yaml'),
      '--registry',
      REGISTRY,
      '--owner',
      owner,
      '--out',
      out,
      '--previous-from',
      'out',
      '--register',
      '--catalog',
      database,
      '--json',
      ...extra,
    ],
    repo,
  );
type HookOutput = { registered: RegisteredImage; pushed: { digest: string } };

async function catalogRows(file: string) {
  const { db } = await openServiceDatabase(file);
  try {
    return {
      swtags: await db.selectFrom('swtag').selectAll().orderBy('id').execute(),
      images: await db.selectFrom('image').selectAll().orderBy('id').execute(),
      audit: await db.selectFrom('audit').selectAll().orderBy('id').execute(),
    };
  } finally {
    await db.destroy();
  }
}

beforeAll(async () => {
  repo = await fixtureRepo('register-stack');
  out = await mkdtemp(path.join(os.tmpdir(), 'stackhook-register-out-'));
  database = path.join(out, 'catalog.sqlite');
});

describe('hook --register', () => {
  let first: HookOutput;

  it('fills the SW-Tag from tagger values, adds the image with its digest and pushes <swtag>-<counter>', async () => {
    const result = await hookChild();
    expect(result.stderr).not.toMatch(/error/i);
    expect(result.exitCode).toBe(0);
    first = JSON.parse(result.stdout) as HookOutput;
    const { stdout: sha } = await execa('git', ['rev-parse', '--short=12', 'HEAD'], { cwd: repo });
    expect(first.registered).toMatchObject({
      image: 'child',
      swtag: 'sw1',
      swtagCreated: true,
      fields: {
        tagtype: 'container',
        imagetype: 'child', // the image's own
        imagearch: 'x86_64',
        imageplatform: 'debian-12',
        imagecompiler: 'none',
        prodstep: 'test',
        swrelease: expect.stringMatching(/^dpkg-1\.21\.\d+$/), // root's, through the |version filter
        dbrelease: 'none',
        distswrelease: 'debian 12',
        version: '1',
        comment: `built from ${sha}`,
      },
      publications: [
        {
          registry: REGISTRY,
          owner,
          reference: `${REGISTRY}/${owner}/child:sw1-0`,
          counter: 0,
          added: true,
          pushed: true,
          digest: first.pushed.digest,
        },
      ],
    });
    expect(await skopeoDigest(`${REGISTRY}/${owner}/child:sw1-0`)).toBe(first.pushed.digest);
    const rows = await catalogRows(database);
    expect(rows.images).toEqual([
      expect.objectContaining({
        registry: REGISTRY,
        repository_user: owner,
        repository_name: 'child',
        repository_swtag: 'sw1',
        repository_counter: 0,
        hash_digest: first.pushed.digest,
        createdby: os.userInfo().username,
      }),
    ]);
  });

  it('changes nothing when run again: same SW-Tag, same image, no new audit entry, no new registry tag', async () => {
    const before = {
      rows: await catalogRows(database),
      tags: await registryTags(`${REGISTRY}/${owner}/child`),
    };
    const result = await hookChild();
    expect(result.exitCode).toBe(0);
    const again = JSON.parse(result.stdout) as HookOutput;
    expect(again.registered).toMatchObject({
      swtag: 'sw1',
      swtagCreated: false,
      publications: [{ counter: 0, added: false, pushed: false, digest: first.pushed.digest }],
    });
    expect(await catalogRows(database)).toEqual(before.rows);
    expect(await registryTags(`${REGISTRY}/${owner}/child`)).toEqual(before.tags);
    expect(before.tags).toContain('sw1-0');
  });

  it('registers a changed image under the same SW-Tag as the next counter, leaving the old reference alone', async () => {
    await writeFile(path.join(repo, 'images', 'child', 'note.txt'), 'child, second version\n');
    const result = await hookChild();
    expect(result.exitCode).toBe(0);
    const second = JSON.parse(result.stdout) as HookOutput;
    expect(second.pushed.digest).not.toBe(first.pushed.digest);
    expect(second.registered).toMatchObject({
      swtag: 'sw1',
      publications: [
        { reference: `${REGISTRY}/${owner}/child:sw1-1`, counter: 1, added: true, pushed: true },
      ],
    });
    expect(await skopeoDigest(`${REGISTRY}/${owner}/child:sw1-1`)).toBe(second.pushed.digest);
    expect(await skopeoDigest(`${REGISTRY}/${owner}/child:sw1-0`)).toBe(first.pushed.digest);
    expect((await catalogRows(database)).images.map((image) => image.repository_counter)).toEqual([0, 1]);
  });
});

describe('walk --register through a catalog service', () => {
  let catalog: ServiceDatabase;
  let app: FastifyInstance;
  let address: string;
  let writer: string;
  let reader: string;
  const walkOwner = `${owner}-walk`;
  const walk = (key: string, ...extra: string[]) =>
    runCli(
      [
        'walk',
        '--hierarchy',
        path.join(repo, 'stacks.yaml'),
        '--out',
        out,
        '--previous-from',
        'out',
        '--registry',
        `${REGISTRY}/${walkOwner}`,
        '--register',
        '--catalog',
        address,
        '--json',
        '--no-progress',
        ...extra,
      ],
      repo,
      { env: { STACKHOOK_CATALOG_KEY: key, GITHUB_ACTOR: 'octocat' } },
    );

  beforeAll(async () => {
    catalog = await openServiceDatabase(path.join(out, 'service.sqlite'));
    writer = await createApiKey(catalog.db, 'ci-bot', 'writer');
    reader = await createApiKey(catalog.db, 'rita', 'reader');
    app = await buildServiceApp({ db: catalog.db });
    address = await app.listen({ host: '127.0.0.1', port: 0 });
  });
  afterAll(async () => {
    await app?.close();
    await catalog?.db.destroy();
  });

  it('refuses a reader key before building anything (exit 2)', async () => {
    const result = await walk(reader);
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toContain("the catalog key is rita's, a reader: registering needs a writer key");
    expect(result.stderr).not.toContain(reader);
    expect(result.stderr).not.toMatch(/build root|probe/);
    expect(await catalog.db.selectFrom('swtag').selectAll().execute()).toEqual([]);
  });

  it('registers every image of the walk as the key’s user, with the audit headers', async () => {
    const result = await walk(writer);
    expect(result.exitCode).toBe(0);
    expect(result.stderr).not.toContain(writer);
    const records = JSON.parse(result.stdout) as { image: string; registered: RegisteredImage }[];
    expect(records.map((record) => [record.image, record.registered.swtag])).toEqual([
      ['root', 'sw1'],
      ['child', 'sw2'],
    ]);
    const images = await catalog.db.selectFrom('image').selectAll().orderBy('id').execute();
    expect(images.map((image) => [image.repository_name, image.repository_swtag, image.createdby])).toEqual([
      ['root', 'sw1', 'ci-bot'],
      ['child', 'sw2', 'ci-bot'],
    ]);
    for (const record of records) {
      const [publication] = record.registered.publications;
      expect(await skopeoDigest(publication!.reference)).toBe(publication!.digest);
    }
    const audit = await catalog.db.selectFrom('audit').selectAll().execute();
    expect(
      new Set(audit.map((entry) => [entry.actor, entry.linux_username, entry.github_username].join())),
    ).toEqual(new Set([`ci-bot,${os.userInfo().username},octocat`]));
  });
});

describe('--register refuses, before building, a mapping it could not fill', () => {
  const variant = async (name: string, edit: (text: string) => string) => {
    const file = path.join(repo, `${name}.yaml`);
    await writeFile(file, edit(await readFile(path.join(repo, 'stacks.yaml'), 'utf8')));
    return file;
  };

  it('names the image and the identity fields it lacks', async () => {
    const file = await variant('incomplete', (text) => text.replace('  tagType: container\n', ''));
    const result = await runCli(
      ['hook', 'child', '--hierarchy', file, '--register', '--catalog', database],
      repo,
    );
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toMatch(
      /incomplete\.yaml:\d+ images\.child: no SW-Tag tagType \(set them in swtag:\)/,
    );
    expect(result.stderr).not.toContain('build child');
  });

  it('names the file, line and field of a placeholder no tagger of the image fills', async () => {
    const file = await variant('typo', (text) =>
      text.replace("imageType: '{image}' }", "imageType: '{r}' }"),
    );
    const result = await runCli(
      ['hook', 'child', '--hierarchy', file, '--register', '--catalog', database],
      repo,
    );
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toMatch(
      /typo\.yaml:\d+ images\.child\.swtag\.imageType \(image child\): \{r\}: image child does not run the r tagger/,
    );
  });
});
