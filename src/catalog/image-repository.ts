import { catalogDatabase } from './catalog-database.js';
import type { Kysely, Selectable } from 'kysely';
import { notFoundError } from '../errors/not-found-error.js';
import { StackhookError } from '../errors/stackhook-error.js';
import { audit } from './audit.js';
import type { CatalogTables, ImageTable } from './catalog-tables.js';
import { findOrCreate } from './find-or-create.js';
import { invalidFields } from './invalid-fields.js';
import { isUniqueViolation } from '../service/database/is-unique-violation.js';
import { nextCounter } from './next-counter.js';
import { toAmi } from './routes/ami-names.js';
import { addImageBody, updateImageBody } from './routes/image-schemas.js';
import type { Actor } from '../service/auth/actor.js';

export type CatalogImage = Selectable<ImageTable>;

/** What AddImage takes: where an image was published, under which SW-Tag, and its manifest digest. */
export interface ImagePublication {
  registry: string;
  repository_user: string;
  repository_name: string;
  repository_swtag: string;
  hash_digest: string;
}

/**
 * Images published under SW-Tags. REPOSITORY_COUNTER counts per (registry, user, name, swtag) from 0, so a
 * re-push under the same tag is `<swtag>-<counter+1>`; the same publication added twice is one image.
 */
export class ImageRepository<Schema extends CatalogTables = CatalogTables> {
  private readonly db: Kysely<CatalogTables>;

  constructor(database: Kysely<Schema>) {
    this.db = catalogDatabase(database);
  }

  /**
   * AddImage. `counter`, when given, is the REPOSITORY_COUNTER the caller expects this publication to have: a
   * 409 when it is another (the counter is the service's: never chosen, never reused), and nothing is written.
   */
  async add(
    publication: ImagePublication,
    actor: Actor,
    counter?: number,
  ): Promise<{ image: CatalogImage; created: boolean }> {
    // The routes check first; this is the last line for every other writer (registration, the build API).
    const invalid = invalidFields(addImageBody, toAmi(publication), 'image');
    if (invalid) throw invalid;
    const { row, created } = await findOrCreate(
      () => this.byPublication(publication),
      () =>
        this.db.transaction().execute(async (trx) => {
          const tag = await trx
            .selectFrom('swtag')
            .select('tagname')
            .where('tagname', '=', publication.repository_swtag)
            .executeTakeFirst();
          if (!tag)
            throw notFoundError(`SW-Tag ${publication.repository_swtag}`, {
              subject: publication.repository_swtag,
            });
          const key = [
            publication.registry,
            publication.repository_user,
            publication.repository_name,
            publication.repository_swtag,
          ];
          const next = (await nextCounter(trx, `image:${JSON.stringify(key)}`)) - 1;
          if (counter !== undefined && counter !== next) throw counterTaken(counter, next);
          const now = new Date().toISOString();
          const inserted = await trx
            .insertInto('image')
            .values({
              ...publication,
              repository_counter: next,
              created: now,
              createdby: actor.user,
              modified: now,
              modifiedby: actor.user,
            })
            .returningAll()
            .executeTakeFirstOrThrow();
          await audit(trx, actor, 'AddImage', 'image', String(inserted.id), {
            ...publication,
            repository_counter: next,
          });
          return inserted;
        }),
    );
    if (counter !== undefined && row.repository_counter !== counter)
      throw counterTaken(counter, row.repository_counter);
    return { image: row, created };
  }

  get(id: number): Promise<CatalogImage | undefined> {
    return this.db.selectFrom('image').selectAll().where('id', '=', id).executeTakeFirst();
  }

  async update(
    id: number,
    changes: Partial<Pick<ImagePublication, 'hash_digest'>>,
    actor: Actor,
  ): Promise<CatalogImage> {
    const invalid = invalidFields(updateImageBody, toAmi(changes), `image ${id}`);
    if (invalid) throw invalid;
    return await this.db.transaction().execute(async (trx) => {
      const current = await trx.selectFrom('image').selectAll().where('id', '=', id).executeTakeFirst();
      if (!current) throw notFoundError(`image ${id}`);
      if (changes.hash_digest === undefined || changes.hash_digest === current.hash_digest) return current;
      const sibling = await this.byPublication({ ...current, hash_digest: changes.hash_digest }, trx);
      if (sibling) throw digestTaken(id, sibling.id);
      const updated = await trx
        .updateTable('image')
        .set({ hash_digest: changes.hash_digest, modified: new Date().toISOString(), modifiedby: actor.user })
        .where('id', '=', id)
        .returningAll()
        .executeTakeFirstOrThrow()
        .catch((error: unknown) => {
          // Another writer published this digest here since the check above.
          throw isUniqueViolation(error) ? digestTaken(id) : error;
        });
      await audit(trx, actor, 'UpdateImage', 'image', String(id), {
        hash_digest: { from: current.hash_digest, to: changes.hash_digest },
      });
      return updated;
    });
  }

  /** DellImage. The counter is not given back: a later push gets the next one. */
  async delete(id: number, actor: Actor): Promise<CatalogImage> {
    return await this.db.transaction().execute(async (trx) => {
      const current = await trx.selectFrom('image').selectAll().where('id', '=', id).executeTakeFirst();
      if (!current) throw notFoundError(`image ${id}`);
      await trx.deleteFrom('image').where('id', '=', id).execute();
      await audit(trx, actor, 'DellImage', 'image', String(id), { deleted: current });
      return current;
    });
  }

  listForSwTag(tagname: string): Promise<CatalogImage[]> {
    return this.db
      .selectFrom('image')
      .selectAll()
      .where('repository_swtag', '=', tagname)
      .orderBy('id')
      .execute();
  }

  /**
   * The image registered last (the highest id) in `repository` under a `build` SW-Tag of this image type (the
   * component), prod step (the branch) and architecture, with its SW-Tag's release (the image's tag).
   */
  newestBuild(
    repository: Pick<ImagePublication, 'registry' | 'repository_user' | 'repository_name'>,
    swtag: { imagetype: string; prodstep: string; imagearch: string },
  ): Promise<(CatalogImage & { swrelease: string }) | undefined> {
    return this.db
      .selectFrom('image')
      .innerJoin('swtag', 'swtag.tagname', 'image.repository_swtag')
      .selectAll('image')
      .select('swtag.swrelease')
      .where('image.registry', '=', repository.registry)
      .where('image.repository_user', '=', repository.repository_user)
      .where('image.repository_name', '=', repository.repository_name)
      .where('swtag.tagtype', '=', 'build')
      .where('swtag.imagetype', '=', swtag.imagetype)
      .where('swtag.prodstep', '=', swtag.prodstep)
      .where('swtag.imagearch', '=', swtag.imagearch)
      .orderBy('image.id', 'desc')
      .limit(1)
      .executeTakeFirst();
  }

  private byPublication(
    publication: ImagePublication,
    db: Kysely<CatalogTables> = this.db,
  ): Promise<CatalogImage | undefined> {
    return db
      .selectFrom('image')
      .selectAll()
      .where('registry', '=', publication.registry)
      .where('repository_user', '=', publication.repository_user)
      .where('repository_name', '=', publication.repository_name)
      .where('repository_swtag', '=', publication.repository_swtag)
      .where('hash_digest', '=', publication.hash_digest)
      .executeTakeFirst();
  }
}

function digestTaken(id: number, other?: number): StackhookError {
  return new StackhookError({
    kind: 'input',
    status: 409,
    description: `${other === undefined ? 'another image' : `image ${other}`} is already this publication (registry, repository, SW-Tag) with this digest: image ${id} can't take it`,
    subject: `image ${id}`,
  });
}

function counterTaken(asked: number, given: number): StackhookError {
  return new StackhookError({
    kind: 'input',
    status: 409,
    description: `REPOSITORY_COUNTER ${asked} is not this publication's: it is ${given} (the catalog counts, and never reuses a counter)`,
    subject: 'REPOSITORY_COUNTER',
  });
}
