import { randomUUID } from 'node:crypto';
import type { Kysely, Selectable } from 'kysely';
import type { ArtifactStore } from '../artifacts/artifact-store.js';
import type { CatalogSchema, ImsImageTable } from '../catalog/catalog-schema.js';
import { StackhookError } from '../errors/stackhook-error.js';
import { checkedManifest, type ImageManifest } from './image-manifest.js';
import { keyOfLink, linkTo, sameLink, type ImsLink } from './ims-link.js';
import { notFound } from './recipe-repository.js';

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
export class ImsImageRepository {
  constructor(
    private readonly db: Kysely<CatalogSchema>,
    readonly store: ArtifactStore,
  ) {}

  async create(image: { name: string; arch?: string; link?: ImsLink }): Promise<ImsImageRecord> {
    if (image.link) await checkedManifest(this.store, image.link);
    const row = {
      id: randomUUID(),
      name: image.name,
      arch: image.arch ?? 'x86_64',
      link_path: image.link?.path ?? null,
      link_etag: image.link?.etag ?? null,
      link_type: image.link?.type ?? null,
      created: new Date().toISOString(),
      deleted: null,
    };
    await this.db.insertInto('ims_image').values(row).execute();
    return toRecord(row);
  }

  async list(deleted: boolean): Promise<ImsImageRecord[]> {
    const rows = await this.db
      .selectFrom('ims_image')
      .selectAll()
      .where('deleted', deleted ? 'is not' : 'is', null)
      .orderBy('created')
      .orderBy('id')
      .execute();
    return rows.map(toRecord);
  }

  async get(id: string, deleted = false): Promise<ImsImageRecord> {
    const row = await this.db
      .selectFrom('ims_image')
      .selectAll()
      .where('id', '=', id)
      .where('deleted', deleted ? 'is not' : 'is', null)
      .executeTakeFirst();
    if (!row) throw notFound(deleted ? `deleted image ${id}` : `image ${id}`);
    return toRecord(row);
  }

  async setLink(id: string, link: ImsLink): Promise<ImsImageRecord> {
    const image = await this.get(id);
    if (image.link && !sameLink(image.link, link)) {
      throw new StackhookError({
        kind: 'input',
        status: 409,
        description: `image ${id} already links ${image.link.path} (etag ${image.link.etag}): a link can't be changed`,
        subject: `image ${id}`,
      });
    }
    if (image.link) return image;
    await checkedManifest(this.store, link);
    await this.writeLink(id, link);
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
    await this.db
      .updateTable('ims_image')
      .set({ deleted: new Date().toISOString(), ...linkColumns(link) })
      .where('id', '=', id)
      .execute();
  }

  async undelete(id: string): Promise<ImsImageRecord> {
    const image = await this.get(id, true);
    const link = await this.moveArtifacts(image, `deleted/images/${id}/`, `images/${id}/`);
    await this.db
      .updateTable('ims_image')
      .set({ deleted: null, ...linkColumns(link) })
      .where('id', '=', id)
      .execute();
    return this.get(id);
  }

  async purge(id: string): Promise<void> {
    await this.get(id, true);
    for (const key of await this.store.list(`deleted/images/${id}/`)) await this.store.delete(key);
    await this.db.deleteFrom('ims_image').where('id', '=', id).execute();
  }

  /** Moves `from`* to `to`*, and rewrites the manifest so its links (and the record's) follow. */
  private async moveArtifacts(image: ImsImageRecord, from: string, to: string): Promise<ImsLink | null> {
    for (const key of await this.store.list(from))
      await this.store.move(key, `${to}${key.slice(from.length)}`);
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

  private async writeLink(id: string, link: ImsLink): Promise<void> {
    await this.db.updateTable('ims_image').set(linkColumns(link)).where('id', '=', id).execute();
  }
}

function linkColumns(link: ImsLink | null) {
  return link ? { link_path: link.path, link_etag: link.etag, link_type: link.type } : {};
}

function toRecord(row: Selectable<ImsImageTable>): ImsImageRecord {
  return {
    id: row.id,
    name: row.name,
    arch: row.arch,
    link:
      row.link_path && row.link_etag && row.link_type
        ? { path: row.link_path, etag: row.link_etag, type: row.link_type as ImsLink['type'] }
        : null,
    created: row.created,
    ...(row.deleted ? { deleted: row.deleted } : {}),
  };
}
