import os from 'node:os';
import type { Log } from '../log/log.js';
import { hideUrlCredentials } from '../log/hide-url-credentials.js';
import { ImageRepository, type ImagePublication } from '../catalog/image-repository.js';
import type { CatalogTables } from '../catalog/catalog-tables.js';
import { openDatabase } from '../service/database/open-database.js';
import type { Actor } from '../service/auth/actor.js';
import type { SwTagFields } from '../catalog/swtag-fields.js';
import { SwTagRepository } from '../catalog/swtag-repository.js';
import type { CatalogWriter } from './catalog-writer.js';

/**
 * Registration straight into a catalog database (the SQLite file `stackhook serve` uses by default, or
 * PostgreSQL): no service, no key; the audit log names this machine's user.
 */
export class LocalCatalogWriter implements CatalogWriter {
  private constructor(
    readonly location: string,
    private readonly close: () => Promise<void>,
    private readonly swtags: SwTagRepository,
    private readonly images: ImageRepository,
    private readonly actor: Actor,
  ) {}

  static async open(location: string, log: Log): Promise<LocalCatalogWriter> {
    const { display, password } = hideUrlCredentials(location);
    if (password) log.addSecret(password);
    const { db } = await openDatabase<CatalogTables>(location);
    const user = os.userInfo().username;
    return new LocalCatalogWriter(
      display,
      () => db.destroy(),
      new SwTagRepository(db),
      new ImageRepository(db),
      { user, linuxUsername: user, githubUsername: process.env.GITHUB_ACTOR },
    );
  }

  async checkAccess(): Promise<void> {}

  async addSwTag(fields: SwTagFields): Promise<{ tagname: string; created: boolean }> {
    const { tag, created } = await this.swtags.add(fields, this.actor);
    return { tagname: tag.tagname, created };
  }

  async addImage(publication: ImagePublication): Promise<{ id: number; counter: number; created: boolean }> {
    const { image, created } = await this.images.add(publication, this.actor);
    return { id: image.id, counter: image.repository_counter, created };
  }

  async [Symbol.asyncDispose](): Promise<void> {
    await this.close();
  }
}
