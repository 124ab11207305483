import { randomUUID } from 'node:crypto';
import type { Kysely, Selectable } from 'kysely';
import type { ArtifactStore } from '../artifacts/artifact-store.js';
import type { CatalogSchema, ImsImageTable } from '../catalog/catalog-schema.js';
import { checkedManifest, type ImageManifest } from './image-manifest.js';
import { keyOfLink, linkColumns, linkOfRow, linkTo, requireSameLinkIfAny, type ImsLink } from './ims-link.js';
import { moveArtifactFolder, removeArtifactFolder } from './artifact-folder.js';
import { ImsTable, notFound } from './ims-table.js';
import type { SoftDeletable } from './soft-deletable.js';

export interface ImsImageRecord {
  id: string;
  name: string;
  arch: string;
  link: ImsLink | null;
  created: string;
  deleted?: string;
}

/**
 * IMS images: a record, and artifacts under `images/<id>/` listed by a manifest.json the record links to. A
 * link is only taken once its manifest checks out against the store, and never changed afterwards (409).
 * Deleting moves the artifacts under `deleted/` and rewrites the manifest's links to follow them.
 */
export class ImsImageRepository implements SoftDeletable<ImsImageRecord> {
  private readonly rows: ImsTable<'ims_image'>;

  constructor(
    db: Kysely<CatalogSchema>,
    readonly store: ArtifactStore,
  ) {
    this.rows = new ImsTable(db, 'ims_image', 'image');
  }

  /** `id` is given by a job that put the artifacts under `images/<id>/` first. */
  async create(image: { id?: string; name: string; arch?: string; link?: ImsLink }): Promise<ImsImageRecord> {
    if (image.link) await checkedManifest(this.store, image.link);
    const row = {
      id: image.id ?? randomUUID(),
      name: image.name,
      arch: image.arch ?? 'x86_64',
      link_path: image.link?.path ?? null,
      link_etag: image.link?.etag ?? null,
      link_type: image.link?.type ?? null,
      created: new Date().toISOString(),
      deleted: null,
    };
    await this.rows.insert(row);
    return toRecord(row);
  }

  async list(deleted: boolean): Promise<ImsImageRecord[]> {
    return (await this.rows.list(deleted)).map(toRecord);
  }

  async get(id: string, deleted = false): Promise<ImsImageRecord> {
    return toRecord(await this.rows.get(id, deleted));
  }

  async setLink(id: string, link: ImsLink): Promise<ImsImageRecord> {
    const image = await this.get(id);
    requireSameLinkIfAny(image.link, link, `image ${id}`);
    if (image.link) return image;
    await checkedManifest(this.store, link);
    await this.rows.update(id, linkColumns(link));
    return { ...image, link };
  }

  /** The manifest an image links to, checked against the store. */
  async manifest(id: string): Promise<ImageManifest> {
    const image = await this.get(id);
    if (!image.link) throw notFound(`manifest of image ${id} (no link yet)`);
    return checkedManifest(this.store, image.link);
  }

  async softDelete(id: string): Promise<void> {
    const image = await this.get(id);
    const link = await this.moveArtifacts(image, `images/${id}/`, `deleted/images/${id}/`);
    await this.rows.update(id, { deleted: new Date().toISOString(), ...linkColumns(link) });
  }

  async undelete(id: string): Promise<ImsImageRecord> {
    const image = await this.get(id, true);
    const link = await this.moveArtifacts(image, `deleted/images/${id}/`, `images/${id}/`);
    await this.rows.update(id, { deleted: null, ...linkColumns(link) });
    return this.get(id);
  }

  async purge(id: string): Promise<void> {
    await this.get(id, true);
    await removeArtifactFolder(this.store, `deleted/images/${id}/`);
    await this.rows.remove(id);
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

function toRecord(row: Selectable<ImsImageTable>): ImsImageRecord {
  return {
    id: row.id,
    name: row.name,
    arch: row.arch,
    link: linkOfRow(row),
    created: row.created,
    ...(row.deleted ? { deleted: row.deleted } : {}),
  };
}
