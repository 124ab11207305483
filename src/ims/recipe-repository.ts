import { createHash, randomUUID } from 'node:crypto';
import type { Kysely, Selectable } from 'kysely';
import type { ArtifactStore } from '../artifacts/artifact-store.js';
import type { CatalogSchema, ImsRecipeTable } from '../catalog/catalog-schema.js';
import { StackhookError } from '../errors/stackhook-error.js';
import { moveArtifactFolder, removeArtifactFolder } from './artifact-folder.js';
import { linkColumns, linkOfRow, linkTo, requireSameLinkIfAny, type ImsLink } from './ims-link.js';
import { ImsTable } from './ims-table.js';
import type { SoftDeletable } from './soft-deletable.js';

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
export class RecipeRepository implements SoftDeletable<RecipeRecord> {
  private readonly rows: ImsTable<'ims_recipe'>;

  constructor(
    db: Kysely<CatalogSchema>,
    private readonly store: ArtifactStore,
  ) {
    this.rows = new ImsTable(db, 'ims_recipe', 'recipe');
  }

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
    await this.rows.insert(row);
    return toRecord(row);
  }

  async list(deleted: boolean): Promise<RecipeRecord[]> {
    return (await this.rows.list(deleted)).map(toRecord);
  }

  async get(id: string, deleted = false): Promise<RecipeRecord> {
    return toRecord(await this.rows.get(id, deleted));
  }

  /** PATCH link: set once; the same link again is fine; another one is a 409. */
  async setLink(id: string, link: ImsLink): Promise<RecipeRecord> {
    const recipe = await this.get(id);
    requireSameLinkIfAny(recipe.link, link, `recipe ${id}`);
    if (!recipe.link) await this.rows.update(id, linkColumns(link));
    return { ...recipe, link };
  }

  /** Stores the recipe's archive and links it; the same archive again is fine, another one a 409. */
  async uploadArchive(id: string, archive: Buffer): Promise<RecipeRecord> {
    const recipe = await this.get(id);
    if (recipe.link) {
      const stored = await this.store.head(recipeArchiveKey(id));
      if (stored?.md5 === createHash('md5').update(archive).digest('hex')) return recipe;
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
    await moveArtifactFolder(this.store, `recipes/${id}/`, `deleted/recipes/${id}/`);
    await this.rows.update(id, { deleted: new Date().toISOString(), ...this.movedLink(recipe, 'deleted/') });
  }

  async undelete(id: string): Promise<RecipeRecord> {
    const recipe = await this.get(id, true);
    await moveArtifactFolder(this.store, `deleted/recipes/${id}/`, `recipes/${id}/`);
    await this.rows.update(id, { deleted: null, ...this.movedLink(recipe, '') });
    return this.get(id);
  }

  async purge(id: string): Promise<void> {
    await this.get(id, true);
    await removeArtifactFolder(this.store, `deleted/recipes/${id}/`);
    await this.rows.remove(id);
  }

  /** The link follows its archive into deleted/ and back. */
  private movedLink(recipe: RecipeRecord, prefix: string) {
    if (!recipe.link) return {};
    return {
      link_path: linkTo(this.store.location, `${prefix}${recipeArchiveKey(recipe.id)}`, recipe.link.etag)
        .path,
    };
  }
}

function toRecord(row: Selectable<ImsRecipeTable>): RecipeRecord {
  return {
    id: row.id,
    name: row.name,
    recipe_type: row.recipe_type,
    linux_distribution: row.linux_distribution,
    template_dictionary: JSON.parse(row.template_dictionary) as RecipeRecord['template_dictionary'],
    link: linkOfRow(row),
    created: row.created,
    ...(row.deleted ? { deleted: row.deleted } : {}),
  };
}
