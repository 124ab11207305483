import { mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { openCatalogDatabase, type CatalogDatabase } from '../../src/catalog/open-catalog-database.js';

/**
 * The databases every catalog test runs against: a fresh SQLite file, and a fresh PostgreSQL database on the
 * server the test scripts started (STACKHOOK_TEST_POSTGRES, a postgres:// URL of a maintenance database).
 */
export const CATALOG_DATABASES: { name: string; open: () => Promise<CatalogDatabase> }[] = [
  {
    name: 'SQLite',
    open: async () =>
      openCatalogDatabase(
        path.join(await mkdtemp(path.join(os.tmpdir(), 'stackhook-catalog-')), 'catalog.sqlite'),
      ),
  },
  {
    name: 'PostgreSQL',
    open: async () => {
      const server = process.env.STACKHOOK_TEST_POSTGRES;
      if (!server) throw new Error('STACKHOOK_TEST_POSTGRES is not set: run the tests through `npm test`');
      const name = `catalog_${Date.now()}_${Math.floor(Math.random() * 1e6)}`;
      const admin = new pg.Client({ connectionString: server });
      await admin.connect();
      await admin.query(`CREATE DATABASE ${name}`); // a generated identifier, never input
      await admin.end();
      const url = new URL(server);
      url.pathname = `/${name}`;
      return openCatalogDatabase(url.toString());
    },
  },
];
