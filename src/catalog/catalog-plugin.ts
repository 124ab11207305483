import type { FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import type { CatalogTables } from './catalog-tables.js';
import './catalog-decoration.js';
import { ImageRepository } from './image-repository.js';
import { pageRoutes } from './pages/page-routes.js';
import { amiRoutes } from './routes/ami-routes.js';
import { imageRoutes } from './routes/image-routes.js';
import { swTagRoutes } from './routes/swtag-routes.js';
import { whoamiRoutes } from './routes/whoami-routes.js';
import { SwTagRepository } from './swtag-repository.js';

/** The catalog's database and repositories: what the server decorates the app with before catalogPlugin. */
export function catalogRepositories(db: Kysely<CatalogTables>): FastifyInstance['catalog'] {
  return { db, swtags: new SwTagRepository(db), images: new ImageRepository(db) };
}

export interface CatalogPluginOptions {
  /** Reads need an API key too (AMI's read commands check it in their handler). */
  readsNeedKey: boolean;
  /** AddSWTag's TAGTYPE when an AMI command gives none (default `container`). */
  defaultTagType?: string;
}

/**
 * The SW-Tag catalog as a fastify plugin: REST at /api/v1, AMI's command endpoints, whoami and the web pages at
 * `/`. It uses `app.catalog` (catalogRepositories), decorated on the app so that other features reach it too.
 */
export async function catalogPlugin(app: FastifyInstance, options: CatalogPluginOptions): Promise<void> {
  await app.register(swTagRoutes);
  await app.register(imageRoutes);
  await app.register(whoamiRoutes);
  await app.register(amiRoutes, {
    readsNeedKey: options.readsNeedKey,
    ...(options.defaultTagType ? { defaultTagType: options.defaultTagType } : {}),
  });
  await app.register(pageRoutes);
}
