import { catalogDatabase } from './catalog-database.js';
import type { Kysely, Selectable } from 'kysely';
import { notFoundError } from '../errors/not-found-error.js';
import { StackhookError } from '../errors/stackhook-error.js';
import { audit } from './audit.js';
import type { CatalogTables, SwTagTable } from './catalog-tables.js';
import { findOrCreate } from './find-or-create.js';
import { invalidFields } from './invalid-fields.js';
import { isUniqueViolation } from '../service/database/is-unique-violation.js';
import { nextCounter } from './next-counter.js';
import { toAmi } from './routes/ami-names.js';
import { addSwTagBody, updateSwTagBody } from './routes/swtag-schemas.js';
import type { Actor } from '../service/auth/actor.js';
import { SWTAG_IDENTITY, type SwTagFields } from './swtag-fields.js';

export type SwTag = Selectable<SwTagTable>;

/** SW-Tags: defined once per identity, named sw<N> with N never reused, identity frozen once images use them. */
export class SwTagRepository<Schema extends CatalogTables = CatalogTables> {
  private readonly db: Kysely<CatalogTables>;

  constructor(database: Kysely<Schema>) {
    this.db = catalogDatabase(database);
  }

  /** AddSWTag: the tag with this identity, created when there is none (`created` says which). */
  async add(fields: SwTagFields, actor: Actor): Promise<{ tag: SwTag; created: boolean }> {
    // The routes check first; this is the last line for every other writer (registration, the build API).
    const invalid = invalidFields(addSwTagBody, toAmi(fields), 'SW-Tag');
    if (invalid) throw invalid;
    const { row, created } = await findOrCreate(
      () => this.byIdentity(fields),
      () =>
        this.db.transaction().execute(async (trx) => {
          const number = await nextCounter(trx, 'swtag');
          const now = new Date().toISOString();
          const inserted = await trx
            .insertInto('swtag')
            .values({
              ...identityOf(fields),
              comment: fields.comment ?? '',
              tagnumber: number,
              tagname: `sw${number}`,
              created: now,
              createdby: actor.user,
              modified: now,
              modifiedby: actor.user,
            })
            .returningAll()
            .executeTakeFirstOrThrow();
          await audit(trx, actor, 'AddSWTag', 'swtag', inserted.tagname, {
            ...identityOf(fields),
            comment: inserted.comment,
          });
          return inserted;
        }),
    );
    return { tag: row, created };
  }

  get(tagname: string): Promise<SwTag | undefined> {
    return this.db.selectFrom('swtag').selectAll().where('tagname', '=', tagname).executeTakeFirst();
  }

  /** UpdateSWTag: any subset of fields; identity fields only while no image uses the tag (409 names them). */
  async update(tagname: string, changes: Partial<SwTagFields>, actor: Actor): Promise<SwTag> {
    const invalid = invalidFields(updateSwTagBody, toAmi(changes), tagname);
    if (invalid) throw invalid;
    return await this.db.transaction().execute(async (trx) => {
      const current = await trx
        .selectFrom('swtag')
        .selectAll()
        .where('tagname', '=', tagname)
        .executeTakeFirst();
      if (!current) throw notFoundError(`SW-Tag ${tagname}`, { subject: tagname });
      const changed = Object.fromEntries(
        Object.entries(changes).filter(
          ([key, value]) => value !== undefined && current[key as keyof SwTag] !== value,
        ),
      ) as Partial<SwTagFields>;
      const identityChanges = SWTAG_IDENTITY.filter((field) => field in changed);
      if (identityChanges.length > 0) {
        const images = await trx
          .selectFrom('image')
          .select(['id', 'registry', 'repository_user', 'repository_name', 'repository_counter'])
          .where('repository_swtag', '=', tagname)
          .execute();
        if (images.length > 0) {
          throw new StackhookError({
            kind: 'input',
            status: 409,
            description: `${tagname} is used by ${images.length} image(s): its ${identityChanges.join(', ')} can't change (COMMENT can)`,
            subject: tagname,
            details: images
              .map(
                (image) =>
                  `image ${image.id}: ${image.registry}/${image.repository_user}/${image.repository_name}:${tagname}-${image.repository_counter}`,
              )
              .join('\n'),
          });
        }
      }
      if (Object.keys(changed).length === 0) return current;
      if (identityChanges.length > 0) {
        let twin = trx.selectFrom('swtag').select('tagname').where('tagname', '!=', tagname);
        for (const field of SWTAG_IDENTITY) twin = twin.where(field, '=', changed[field] ?? current[field]);
        const existing = await twin.executeTakeFirst();
        if (existing) throw identityTaken(tagname, existing.tagname);
      }
      const updated = await trx
        .updateTable('swtag')
        .set({ ...changed, modified: new Date().toISOString(), modifiedby: actor.user })
        .where('tagname', '=', tagname)
        .returningAll()
        .executeTakeFirstOrThrow()
        .catch((error: unknown) => {
          // Another writer gave a tag this identity since the check above.
          throw isUniqueViolation(error) ? identityTaken(tagname) : error;
        });
      const diff = Object.fromEntries(
        Object.entries(changed).map(([key, value]) => [
          key,
          { from: current[key as keyof SwTag], to: value },
        ]),
      );
      await audit(trx, actor, 'UpdateSWTag', 'swtag', tagname, diff);
      return updated;
    });
  }

  private byIdentity(fields: SwTagFields): Promise<SwTag | undefined> {
    let query = this.db.selectFrom('swtag').selectAll();
    for (const field of SWTAG_IDENTITY) query = query.where(field, '=', fields[field]);
    return query.executeTakeFirst();
  }
}

function identityOf(fields: SwTagFields) {
  return Object.fromEntries(SWTAG_IDENTITY.map((field) => [field, fields[field]])) as Record<
    (typeof SWTAG_IDENTITY)[number],
    string
  >;
}

function identityTaken(tagname: string, other?: string): StackhookError {
  return new StackhookError({
    kind: 'input',
    status: 409,
    description: `${other ?? 'another SW-Tag'} already has this identity: ${tagname} can't take it (two SW-Tags never share one)`,
    subject: tagname,
  });
}
