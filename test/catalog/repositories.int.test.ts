import type { ServiceDatabase } from '../../src/server/open-service-database.js';
import { ImageRepository } from '../../src/catalog/image-repository.js';
import { SwTagRepository } from '../../src/catalog/swtag-repository.js';
import type { SwTagFields } from '../../src/catalog/swtag-fields.js';
import { StackhookError } from '../../src/errors/stackhook-error.js';
import { CATALOG_DATABASES } from './catalog-databases.js';
import { swTagIdentity } from './swtag-identity.js';

const actor = { user: 'alice', linuxUsername: 'alice', githubUsername: 'alice-gh' };
const identity = (version: string): SwTagFields => swTagIdentity({ version });
const publication = (digest: string, swtag = 'sw1') => ({
  registry: 'registry.example.org',
  repository_user: 'atlas',
  repository_name: 'athena',
  repository_swtag: swtag,
  hash_digest: digest,
});
const digest = (n: number) => `sha256:${n.toString(16).padStart(64, '0')}`;

describe.each(CATALOG_DATABASES)('the SW-Tag catalog on $name', ({ open }) => {
  let database: ServiceDatabase;
  let swtags: SwTagRepository;
  let images: ImageRepository;

  beforeAll(async () => {
    database = await open();
    swtags = new SwTagRepository(database.db);
    images = new ImageRepository(database.db);
  });
  afterAll(async () => {
    await database?.db.destroy();
  });

  it('names tags sw1, sw2 ... and returns the existing tag for an existing identity', async () => {
    const first = await swtags.add({ ...identity('1'), comment: 'first' }, actor);
    expect(first).toMatchObject({
      created: true,
      tag: { tagname: 'sw1', tagnumber: 1, createdby: 'alice', comment: 'first' },
    });
    const again = await swtags.add(identity('1'), { user: 'bob' });
    expect(again).toEqual({ created: false, tag: first.tag });
    expect((await swtags.add(identity('2'), actor)).tag.tagname).toBe('sw2');
  });

  it('gives one tag to 20 parallel AddSWTag of one identity', async () => {
    const results = await Promise.all(
      Array.from({ length: 20 }, () => swtags.add(identity('parallel'), actor)),
    );
    expect(new Set(results.map((result) => result.tag.tagname)).size).toBe(1);
    expect(results.filter((result) => result.created)).toHaveLength(1);
  });

  it('counts 20 parallel AddImage of distinct digests 0..19, and AddImage of the same publication is idempotent', async () => {
    const added = await Promise.all(
      Array.from({ length: 20 }, (_, n) => images.add(publication(digest(n)), actor)),
    );
    expect(added.map((result) => result.image.repository_counter).sort((a, b) => a - b)).toEqual(
      Array.from({ length: 20 }, (_, n) => n),
    );
    const again = await images.add(publication(digest(3)), actor);
    expect(again.created).toBe(false);
    expect(again.image.id).toBe(added[3]!.image.id);
    // A re-push under the same SW-Tag continues the count.
    expect((await images.add(publication(digest(99)), actor)).image.repository_counter).toBe(20);
  });

  it('freezes identity fields once images use the tag (409 naming them), COMMENT stays writable', async () => {
    const error = await swtags
      .update('sw1', { swrelease: 'Athena-25.0.0' }, actor)
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(StackhookError);
    expect((error as StackhookError).status).toBe(409);
    expect((error as StackhookError).details).toContain('registry.example.org/atlas/athena:sw1-0');
    const updated = await swtags.update('sw1', { comment: 'validated' }, { user: 'carol' });
    expect(updated).toMatchObject({ comment: 'validated', modifiedby: 'carol', swrelease: 'Athena-24.0.1' });
    // A tag no image uses can still be corrected.
    expect((await swtags.update('sw2', { prodstep: 'simul' }, actor)).prodstep).toBe('simul');
  });

  it('keeps unknown tags and images apart (404)', async () => {
    await expect(images.add(publication(digest(1), 'sw999'), actor)).rejects.toMatchObject({ status: 404 });
    await expect(swtags.update('sw999', { comment: 'x' }, actor)).rejects.toMatchObject({ status: 404 });
  });

  it('writes every change to the audit log: who, when, what', async () => {
    const entries = await database.db
      .selectFrom('audit')
      .selectAll()
      .where('entity_id', '=', 'sw1')
      .orderBy('id')
      .execute();
    expect(entries.map((entry) => entry.action)).toEqual(['AddSWTag', 'UpdateSWTag']);
    expect(entries[1]).toMatchObject({ actor: 'carol', linux_username: null });
    expect(JSON.parse(entries[1]!.changes)).toEqual({ comment: { from: 'first', to: 'validated' } });
    expect(entries[0]).toMatchObject({
      actor: 'alice',
      linux_username: 'alice',
      github_username: 'alice-gh',
    });
  });
});
