import { randomUUID } from 'node:crypto';
import type { Readable } from 'node:stream';
import { imsDatabase } from './ims-database.js';
import type { Kysely, Selectable } from 'kysely';
import type { ArtifactStore } from '../artifacts/artifact-store.js';
import type { ImsTables, ImsRecipeTable } from './ims-tables.js';
import { notFoundError } from '../errors/not-found-error.js';
import { StackhookError } from '../errors/stackhook-error.js';
import { moveArtifactFolder, removeArtifactFolder } from './artifact-folder.js';
import { completeLink } from './complete-link.js';
import { debootstrapTemplate } from './debootstrap-template.js';
import {
  keyOfLink,
  linkColumns,
  linkOfRow,
  linkTo,
  requireSameLinkIfAny,
  type ImsLink,
  type ImsLinkInput,
} from './ims-link.js';
import { ImsTable } from './ims-table.js';
import { linkTargetKey } from './link-target.js';
import { RecordLocks } from './record-locks.js';
import type { SoftDeletable } from './soft-deletable.js';

/** A recipe as IMS shows it. */
export interface RecipeRecord {
  id: string;
  name: string;
  recipe_type: string;
  linux_distribution: string;
  template_dictionary: { key: string; value: string }[];
  arch: string;
  require_dkms: boolean;
  link: ImsLink | null;
  created: string;
  deleted?: string;
}

export interface NewRecipe {
  name: string;
  recipe_type: string;
  linux_distribution: string;
  template_dictionary?: { key: string; value: string }[];
  arch?: string;
  require_dkms?: boolean;
  link?: ImsLinkInput;
}

/** Cray's recipe PATCH: each field optional. */
export interface RecipeChanges {
  link?: ImsLinkInput;
  arch?: string;
  require_dkms?: boolean;
  template_dictionary?: { key: string; value: string }[];
}

/** The recipe's archive, where IMS keeps it. */
export const recipeArchiveKey = (id: string) => `recipes/${id}/recipe.tar.gz`;

const conflict = (id: string, description: string) =>
  new StackhookError({ kind: 'input', status: 409, description, subject: `recipe ${id}` });

/**
 * IMS recipes: records in the database, archives in the artifact store. A link, once set, only takes the same
 * link again (409 otherwise), and points into the store as image links do (link-target.ts). An upload is
 * streamed under a name of its own, and moved to `recipes/<id>/recipe.tar.gz` only by the one upload whose
 * conditional link update won. Deleting moves the artifacts under `deleted/` and hides the record; undelete
 * moves them back; a permanent delete removes both. Each change claims its row first (a conditional update)
 * and runs under the record's lock, so concurrent changes to one record answer 404/409, never half-done.
 */
export class RecipeRepository<Schema extends ImsTables = ImsTables> implements SoftDeletable<RecipeRecord> {
  private readonly rows: ImsTable<'ims_recipe'>;
  private readonly locks: RecordLocks;

  private readonly db: Kysely<ImsTables>;

  constructor(
    database: Kysely<Schema>,
    private readonly store: ArtifactStore,
  ) {
    this.db = imsDatabase(database);
    this.rows = new ImsTable(this.db, 'ims_recipe', 'recipe');
    this.locks = RecordLocks.of(this.db);
  }

  async create(recipe: NewRecipe): Promise<RecipeRecord> {
    const id = randomUUID();
    const link = recipe.link && (await completeLink(this.store, recipe.link));
    if (link) await this.requireLinkTarget(id, link);
    const row = {
      id,
      name: recipe.name,
      recipe_type: recipe.recipe_type,
      linux_distribution: recipe.linux_distribution,
      template_dictionary: JSON.stringify(recipe.template_dictionary ?? []),
      link_path: link?.path ?? null,
      link_etag: link?.etag ?? null,
      link_type: link?.type ?? null,
      arch: recipe.arch ?? 'x86_64',
      require_dkms: recipe.require_dkms ? 1 : 0,
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

  /**
   * Cray's PATCH: the link (set once, see setLink) first, then arch, require_dkms and template_dictionary (a
   * debootstrap recipe's checked as at create) in one update.
   */
  async patch(id: string, changes: RecipeChanges): Promise<RecipeRecord> {
    const recipe = await this.get(id);
    if (changes.template_dictionary && recipe.recipe_type === 'debootstrap')
      debootstrapTemplate(changes.template_dictionary);
    if (changes.link) await this.setLink(id, changes.link);
    const columns = {
      ...(changes.arch === undefined ? {} : { arch: changes.arch }),
      ...(changes.require_dkms === undefined ? {} : { require_dkms: changes.require_dkms ? 1 : 0 }),
      ...(changes.template_dictionary === undefined
        ? {}
        : { template_dictionary: JSON.stringify(changes.template_dictionary) }),
    };
    if (Object.keys(columns).length === 0) return this.get(id);
    return this.locks.run(id, async () => {
      if (!(await this.rows.updateIf(id, { deleted: false }, columns))) throw notFoundError(`recipe ${id}`);
      return this.get(id);
    });
  }

  /** PATCH link: set once; the same link again is fine; another one is a 409. */
  async setLink(id: string, input: ImsLinkInput): Promise<RecipeRecord> {
    await this.get(id);
    const link = await completeLink(this.store, input);
    await this.requireLinkTarget(id, link);
    return this.locks.run(id, async () => {
      if (await this.rows.updateIf(id, { deleted: false, link: null }, linkColumns(link)))
        return this.get(id);
      const recipe = await this.get(id);
      requireSameLinkIfAny(recipe.link, link, `recipe ${id}`);
      return recipe;
    });
  }

  /**
   * Streams the recipe's archive into the store (at most `limit` bytes, else a 413 with nothing kept) and
   * links it, the link's etag being the archive's MD5. The same archive again is fine, another one a 409.
   */
  async uploadArchive(id: string, archive: Readable, limit: number): Promise<RecipeRecord> {
    await this.get(id);
    const upload = `.uploads/${randomUUID()}`;
    try {
      const { md5 } = await this.store.put(upload, { stream: archive, limit }, 'application/gzip');
      const link = linkTo(this.store.location, recipeArchiveKey(id), md5);
      return await this.locks.run(id, async () => {
        if (await this.rows.updateIf(id, { deleted: false, link: null }, linkColumns(link))) {
          try {
            await this.store.move(upload, recipeArchiveKey(id));
          } catch (error) {
            await this.rows.updateIf(id, { deleted: false, link }, unlinked);
            throw error;
          }
          return this.get(id);
        }
        const recipe = await this.get(id);
        if (recipe.link && (await this.linksArchive(recipe.link, md5))) return recipe;
        throw conflict(id, `recipe ${id} already has its archive: make a new recipe for another one`);
      });
    } finally {
      await this.store.delete(upload).catch(() => undefined);
    }
  }

  async softDelete(id: string): Promise<void> {
    await this.locks.run(id, async () => {
      const recipe = await this.get(id);
      const moved = { deleted: new Date().toISOString(), ...this.movedLink(recipe, '', 'deleted/') };
      if (!(await this.rows.updateIf(id, { deleted: false }, moved))) throw notFoundError(`recipe ${id}`);
      await moveArtifactFolder(this.store, `recipes/${id}/`, `deleted/recipes/${id}/`);
    });
  }

  async undelete(id: string): Promise<RecipeRecord> {
    return this.locks.run(id, async () => {
      const recipe = await this.get(id, true);
      const moved = { deleted: null, ...this.movedLink(recipe, 'deleted/', '') };
      if (!(await this.rows.updateIf(id, { deleted: true }, moved)))
        throw notFoundError(`deleted recipe ${id}`);
      await moveArtifactFolder(this.store, `deleted/recipes/${id}/`, `recipes/${id}/`);
      return this.get(id);
    });
  }

  /** Removes the record and every object of its folders (an interrupted move may have left some live). */
  async purge(id: string): Promise<void> {
    await this.locks.run(id, async () => {
      if (!(await this.rows.removeDeleted(id))) throw notFoundError(`deleted recipe ${id}`);
      await removeArtifactFolder(this.store, `deleted/recipes/${id}/`);
      await removeArtifactFolder(this.store, `recipes/${id}/`);
    });
  }

  /** Whether a link set before is this archive: by its etag, or the MD5 of what it points at. */
  private async linksArchive(link: ImsLink, md5: string): Promise<boolean> {
    if (link.etag === md5) return true;
    const key = keyOfLink(this.store.location, link);
    return key !== undefined && (await this.store.head(key))?.md5 === md5;
  }

  private async requireLinkTarget(id: string, link: ImsLink): Promise<void> {
    const key = await linkTargetKey(this.db, this.store, link, 'link.path', { kind: 'recipe', id });
    if (!(await this.store.head(key)))
      throw new StackhookError({
        kind: 'input',
        description: `link.path: no object at ${key}`,
        subject: 'link',
      });
  }

  /** The link follows its archive into deleted/ and back, when it is in the recipe's folder. */
  private movedLink(recipe: RecipeRecord, from: string, to: string) {
    const key = recipe.link && keyOfLink(this.store.location, recipe.link);
    const folder = `${from}recipes/${recipe.id}/`;
    if (!key?.startsWith(folder)) return {};
    return { link_path: linkTo(this.store.location, `${to}${key.slice(from.length)}`, '').path };
  }
}

const unlinked = { link_path: null, link_etag: null, link_type: null };

function toRecord(row: Selectable<ImsRecipeTable>): RecipeRecord {
  return {
    id: row.id,
    name: row.name,
    recipe_type: row.recipe_type,
    linux_distribution: row.linux_distribution,
    template_dictionary: JSON.parse(row.template_dictionary) as RecipeRecord['template_dictionary'],
    arch: row.arch,
    require_dkms: Boolean(row.require_dkms),
    link: linkOfRow(row),
    created: row.created,
    ...(row.deleted ? { deleted: row.deleted } : {}),
  };
}
