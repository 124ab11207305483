import type { Kysely } from 'kysely';
import type { CatalogTables } from './catalog-tables.js';
import type { ImageRepository } from './image-repository.js';
import type { SwTagRepository } from './swtag-repository.js';

declare module 'fastify' {
  interface FastifyInstance {
    /** The catalog's database and repositories, for its routes and pages. */
    catalog: { db: Kysely<CatalogTables>; swtags: SwTagRepository; images: ImageRepository };
  }
}
