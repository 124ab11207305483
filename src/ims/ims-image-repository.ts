import { randomUUID } from 'node:crypto';
import { imsDatabase } from './ims-database.js';
import type { Kysely, Selectable } from 'kysely';
import type { ArtifactStore } from '../artifacts/artifact-store.js';
import type { ImsTables, ImsImageTable } from './ims-tables.js';
import { notFoundError } from '../errors/not-found-error.js';
import { StackhookError } from '../errors/stackhook-error.js';
import { checkedManifest, type ImageManifest } from './image-manifest.js';
import {
  keyOfLink,
  linkColumns,
  linkOfRow,
  linkTo,
  requireSameLinkIfAny,
  type ImsLink,
  type ImsLinkInput,
} from './ims-link.js';
import { completeLink } from './complete-link.js';
import { changedMetadata, type MetadataOperation } from './image-metadata.js';
import { moveArtifactFolder, removeArtifactFolder } from './artifact-folder.js';
import { ImsTable } from './ims-table.js';
import { linkTargetKey } from './link-target.js';
import { RecordLocks } from './record-locks.js';
import type { SoftDeletable } from './soft-deletable.js';

export interface ImsImageRecord {
  id: string;
  name: string;
  arch: string;
  link: ImsLink | null;
  /** The user's annotations, Cray's string map ({} when none). */
  metadata: Record<string, string>;
  created: string;
  deleted?: string;
}

export interface NewImage {
  /** Given by a job that put the artifacts under `images/<id>/` first. */
  id?: string;
  name: string;
  arch?: string;
  link?: ImsLinkInput;
  metadata?: Record<string, string>;
}

/** Cray's image PATCH: each field optional. */
export interface ImageChanges {
  link?: ImsLinkInput;
  arch?: string;
  metadata?: MetadataOperation;
}

/**
 * IMS images: a record, and artifacts under `images/<id>/` listed by a manifest.json the record links to. A
 * link is only taken once its manifest checks out against the store, points where links may (link-target.ts)
 * and is no other image's manifest; it is never changed afterwards (409). Deleting moves the artifacts under
 * `deleted/` and rewrites the manifest's links to follow them. Each change claims its row (a conditional
 * update) and runs under the record's lock; links are set one at a time in this process, so that two images
 * can't take one manifest at once.
 */
export class ImsImageRepository<
  Schema extends ImsTables = ImsTables,
> implements SoftDeletable<ImsImageRecord> {
  private readonly rows: ImsTable<'ims_image'>;
  private readonly locks: RecordLocks;

  private readonly db: Kysely<ImsTables>;

  constructor(
    database: Kysely<Schema>,
    readonly store: ArtifactStore,
  ) {
    this.db = imsDatabase(database);
    this.rows = new ImsTable(this.db, 'ims_image', 'image');
    this.locks = RecordLocks.of(this.db);
  }

  async create(image: NewImage): Promise<ImsImageRecord> {
    const link = image.link && (await completeLink(this.store, image.link));
    const row = {
      id: image.id ?? randomUUID(),
      name: image.name,
      arch: image.arch ?? 'x86_64',
      link_path: link?.path ?? null,
      link_etag: link?.etag ?? null,
      link_type: link?.type ?? null,
      metadata: JSON.stringify(image.metadata ?? {}),
      created: new Date().toISOString(),
      deleted: null,
    };
    if (link) await this.requireLinkTarget(row.id, link);
    await this.locks.run(IMAGE_LINKS, async () => {
      if (link) await this.requireOwnManifest(row.id, link);
      await this.rows.insert(row);
    });
    return toRecord(row);
  }

  async list(deleted: boolean): Promise<ImsImageRecord[]> {
    return (await this.rows.list(deleted)).map(toRecord);
  }

  async get(id: string, deleted = false): Promise<ImsImageRecord> {
    return toRecord(await this.rows.get(id, deleted));
  }

  /** Cray's PATCH: the link (set once, see setLink), then arch and one metadata operation in one update. */
  async patch(id: string, changes: ImageChanges): Promise<ImsImageRecord> {
    await this.get(id);
    if (changes.link) await this.setLink(id, changes.link);
    const { arch, metadata } = changes;
    if (arch === undefined && metadata === undefined) return this.get(id);
    return this.locks.run(id, async () => {
      const image = await this.get(id);
      const columns = {
        ...(arch === undefined ? {} : { arch }),
        ...(metadata ? { metadata: JSON.stringify(changedMetadata(image.metadata, metadata)) } : {}),
      };
      if (!(await this.rows.updateIf(id, { deleted: false }, columns))) throw notFoundError(`image ${id}`);
      return this.get(id);
    });
  }

  async setLink(id: string, input: ImsLinkInput): Promise<ImsImageRecord> {
    const image = await this.get(id);
    const link = await completeLink(this.store, input);
    requireSameLinkIfAny(image.link, link, `image ${id}`);
    if (image.link) return image;
    await this.requireLinkTarget(id, link);
    return this.locks.run(id, () =>
      this.locks.run(IMAGE_LINKS, async () => {
        await this.requireOwnManifest(id, link);
        if (await this.rows.updateIf(id, { deleted: false, link: null }, linkColumns(link)))
          return this.get(id);
        const current = await this.get(id);
        requireSameLinkIfAny(current.link, link, `image ${id}`);
        return current;
      }),
    );
  }

  /** The manifest an image links to, checked against the store. */
  async manifest(id: string): Promise<ImageManifest> {
    const image = await this.get(id);
    if (!image.link) throw notFoundError(`manifest of image ${id} (no link yet)`);
    return checkedManifest(this.store, image.link);
  }

  async softDelete(id: string): Promise<void> {
    await this.locks.run(id, async () => {
      const image = await this.get(id);
      const deleted = new Date().toISOString();
      if (!(await this.rows.updateIf(id, { deleted: false }, { deleted })))
        throw notFoundError(`image ${id}`);
      const link = await this.moveArtifacts(image, `images/${id}/`, `deleted/images/${id}/`);
      await this.rows.update(id, linkColumns(link));
    });
  }

  async undelete(id: string): Promise<ImsImageRecord> {
    return this.locks.run(id, async () => {
      const image = await this.get(id, true);
      if (!(await this.rows.updateIf(id, { deleted: true }, { deleted: null })))
        throw notFoundError(`deleted image ${id}`);
      const link = await this.moveArtifacts(image, `deleted/images/${id}/`, `images/${id}/`);
      await this.rows.update(id, linkColumns(link));
      return this.get(id);
    });
  }

  /** Removes the record and every object of its folders (an interrupted move may have left some live). */
  async purge(id: string): Promise<void> {
    await this.locks.run(id, async () => {
      if (!(await this.rows.removeDeleted(id))) throw notFoundError(`deleted image ${id}`);
      await removeArtifactFolder(this.store, `deleted/images/${id}/`);
      await removeArtifactFolder(this.store, `images/${id}/`);
    });
  }

  /** The link and every artifact of its manifest point where links may, and the manifest checks out. */
  private async requireLinkTarget(id: string, link: ImsLink): Promise<void> {
    const owner = { kind: 'image', id } as const;
    await linkTargetKey(this.db, this.store, link, 'link.path', owner);
    const manifest = await checkedManifest(this.store, link);
    for (const [index, artifact] of manifest.artifacts.entries())
      await linkTargetKey(this.db, this.store, artifact.link, `artifacts[${index}].link.path`, owner);
  }

  /** A manifest another image links to (live or deleted) is that image's: 409. */
  private async requireOwnManifest(id: string, link: ImsLink): Promise<void> {
    const other = (await this.rows.idsLinking(link.path)).find((linking) => linking !== id);
    if (other)
      throw new StackhookError({
        kind: 'input',
        status: 409,
        description: `link.path is the manifest of image ${other}: an image links its own manifest`,
        subject: 'link.path',
      });
  }

  /** Moves `from`* to `to`*, and rewrites the manifest so its links (and the record's) follow. */
  private async moveArtifacts(image: ImsImageRecord, from: string, to: string): Promise<ImsLink | null> {
    await moveArtifactFolder(this.store, from, to);
    if (!image.link) return null;
    const manifestKey = keyOfLink(this.store.location, image.link);
    if (!manifestKey?.startsWith(from)) return image.link;
    const movedKey = `${to}${manifestKey.slice(from.length)}`;
    const chunks: Buffer[] = [];
    for await (const chunk of await this.store.get(movedKey)) chunks.push(chunk as Buffer);
    const manifest = JSON.parse(Buffer.concat(chunks).toString('utf8')) as ImageManifest;
    for (const artifact of manifest.artifacts) {
      const key = keyOfLink(this.store.location, artifact.link);
      if (key?.startsWith(from))
        artifact.link = linkTo(this.store.location, `${to}${key.slice(from.length)}`, artifact.link.etag);
    }
    const written = await this.store.put(
      movedKey,
      { bytes: Buffer.from(JSON.stringify(manifest, null, 2)) },
      'application/json',
    );
    return linkTo(this.store.location, movedKey, written.etag);
  }
}

/** The lock under which image links are set, one at a time (no record has this id). */
const IMAGE_LINKS = 'image links';

function toRecord(row: Selectable<ImsImageTable>): ImsImageRecord {
  return {
    id: row.id,
    name: row.name,
    arch: row.arch,
    link: linkOfRow(row),
    metadata: JSON.parse(row.metadata) as Record<string, string>,
    created: row.created,
    ...(row.deleted ? { deleted: row.deleted } : {}),
  };
}
