import { createHash, randomUUID } from 'node:crypto';
import type { Kysely, Selectable } from 'kysely';
import type { ArtifactStore } from '../artifacts/artifact-store.js';
import type { CatalogSchema, ImsRecipeTable } from '../catalog/catalog-schema.js';
import { StackhookError } from '../errors/stackhook-error.js';
import { linkTo, sameLink, type ImsLink } from './ims-link.js';

/** A recipe as IMS shows it. */
export interface RecipeRecord {
  id: string;
  name: string;
  recipe_type: string;
  linux_distribution: string;
  template_dictionary: { key: string; value: string }[];
  link: ImsLink | null;
  created: string;
  deleted?: string;
}

export interface NewRecipe {
  name: string;
  recipe_type: string;
  linux_distribution: string;
  template_dictionary?: { key: string; value: string }[];
  link?: ImsLink;
}

/** The recipe's archive, where IMS keeps it. */
export const recipeArchiveKey = (id: string) => `recipes/${id}/recipe.tar.gz`;

/**
 * IMS recipes: records in the database, archives in the artifact store. A link, once set, only takes the same
 * link again (409 otherwise). Deleting moves the artifacts under `deleted/` and hides the record; undelete
 * moves them back; a permanent delete removes both.
 */
export class RecipeRepository {
  constructor(
    private readonly db: Kysely<CatalogSchema>,
    private readonly store: ArtifactStore,
  ) {}

  async create(recipe: NewRecipe): Promise<RecipeRecord> {
    const row = {
      id: randomUUID(),
      name: recipe.name,
      recipe_type: recipe.recipe_type,
      linux_distribution: recipe.linux_distribution,
      template_dictionary: JSON.stringify(recipe.template_dictionary ?? []),
      link_path: recipe.link?.path ?? null,
      link_etag: recipe.link?.etag ?? null,
      link_type: recipe.link?.type ?? null,
      created: new Date().toISOString(),
      deleted: null,
    };
    await this.db.insertInto('ims_recipe').values(row).execute();
    return toRecord(row);
  }

  async list(deleted: boolean): Promise<RecipeRecord[]> {
    const rows = await this.db
      .selectFrom('ims_recipe')
      .selectAll()
      .where('deleted', deleted ? 'is not' : 'is', null)
      .orderBy('created')
      .orderBy('id')
      .execute();
    return rows.map(toRecord);
  }

  async get(id: string, deleted = false): Promise<RecipeRecord> {
    const row = await this.db
      .selectFrom('ims_recipe')
      .selectAll()
      .where('id', '=', id)
      .where('deleted', deleted ? 'is not' : 'is', null)
      .executeTakeFirst();
    if (!row) throw notFound(deleted ? `deleted recipe ${id}` : `recipe ${id}`);
    return toRecord(row);
  }

  /** PATCH link: set once; the same link again is fine; another one is a 409. */
  async setLink(id: string, link: ImsLink): Promise<RecipeRecord> {
    const recipe = await this.get(id);
    if (recipe.link && !sameLink(recipe.link, link)) {
      throw new StackhookError({
        kind: 'input',
        status: 409,
        description: `recipe ${id} already links ${recipe.link.path} (etag ${recipe.link.etag}): a link can't be changed`,
        subject: `recipe ${id}`,
      });
    }
    if (!recipe.link) {
      await this.db
        .updateTable('ims_recipe')
        .set({ link_path: link.path, link_etag: link.etag, link_type: link.type })
        .where('id', '=', id)
        .execute();
    }
    return { ...recipe, link };
  }

  /** Stores the recipe's archive and links it (the same 409 rule: a second, different archive is refused). */
  async uploadArchive(id: string, archive: Buffer): Promise<RecipeRecord> {
    const recipe = await this.get(id);
    if (recipe.link) {
      const stored = await this.store.head(recipeArchiveKey(id));
      const incoming = createHash('md5').update(archive).digest('hex');
      if (stored?.md5 === incoming) return recipe;
      throw new StackhookError({
        kind: 'input',
        status: 409,
        description: `recipe ${id} already has its archive: make a new recipe for another one`,
        subject: `recipe ${id}`,
      });
    }
    const stored = await this.store.put(recipeArchiveKey(id), { bytes: archive }, 'application/gzip');
    return this.setLink(id, linkTo(this.store.location, stored.key, stored.etag));
  }

  async softDelete(id: string): Promise<void> {
    const recipe = await this.get(id);
    const moved = await this.moveArtifacts(`recipes/${id}/`, 'deleted/');
    await this.db
      .updateTable('ims_recipe')
      .set({ deleted: new Date().toISOString(), ...this.movedLink(recipe, moved, 'deleted/') })
      .where('id', '=', id)
      .execute();
  }

  async undelete(id: string): Promise<RecipeRecord> {
    const recipe = await this.get(id, true);
    const moved = await this.moveArtifacts(`deleted/recipes/${id}/`, '');
    await this.db
      .updateTable('ims_recipe')
      .set({ deleted: null, ...this.movedLink(recipe, moved, '') })
      .where('id', '=', id)
      .execute();
    return this.get(id);
  }

  async purge(id: string): Promise<void> {
    await this.get(id, true);
    for (const key of await this.store.list(`deleted/recipes/${id}/`)) await this.store.delete(key);
    await this.db.deleteFrom('ims_recipe').where('id', '=', id).execute();
  }

  /** Moves every object under `prefix` to `target` + its key without a leading `deleted/`. */
  private async moveArtifacts(prefix: string, target: string): Promise<string[]> {
    const keys = await this.store.list(prefix);
    for (const key of keys) await this.store.move(key, `${target}${key.replace(/^deleted\//, '')}`);
    return keys;
  }

  /** The link follows its archive into deleted/ and back. */
  private movedLink(recipe: RecipeRecord, moved: string[], target: string) {
    if (!recipe.link || moved.length === 0) return {};
    const key = `${target}recipes/${recipe.id}/recipe.tar.gz`;
    return { link_path: linkTo(this.store.location, key, recipe.link.etag).path };
  }
}

function toRecord(row: Selectable<ImsRecipeTable>): RecipeRecord {
  return {
    id: row.id,
    name: row.name,
    recipe_type: row.recipe_type,
    linux_distribution: row.linux_distribution,
    template_dictionary: JSON.parse(row.template_dictionary) as RecipeRecord['template_dictionary'],
    link:
      row.link_path && row.link_etag && row.link_type
        ? { path: row.link_path, etag: row.link_etag, type: row.link_type as ImsLink['type'] }
        : null,
    created: row.created,
    ...(row.deleted ? { deleted: row.deleted } : {}),
  };
}

export function notFound(what: string): StackhookError {
  return new StackhookError({ kind: 'input', status: 404, description: `no ${what}`, subject: what });
}
