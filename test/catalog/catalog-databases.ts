import { mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { openServiceDatabase, type ServiceDatabase } from '../../src/server/open-service-database.js';

/**
 * The databases every catalog test runs against: a fresh SQLite file, and a fresh PostgreSQL database on the
 * server the test scripts started (STACKHOOK_TEST_POSTGRES, a postgres:// URL of a maintenance database).
 * `location` makes a fresh one and says where (for `--database`), `open` makes and opens one.
 */
export const CATALOG_DATABASES: {
  name: string;
  location: () => Promise<string>;
  open: () => Promise<ServiceDatabase>;
}[] = [
  {
    name: 'SQLite',
    location: async () =>
      path.join(await mkdtemp(path.join(os.tmpdir(), 'stackhook-catalog-')), 'catalog.sqlite'),
    open: async () => openServiceDatabase(await CATALOG_DATABASES[0]!.location()),
  },
  {
    name: 'PostgreSQL',
    location: async () => {
      const server = process.env.STACKHOOK_TEST_POSTGRES;
      if (!server) throw new Error('STACKHOOK_TEST_POSTGRES is not set: run the tests through `npm test`');
      const name = `catalog_${Date.now()}_${Math.floor(Math.random() * 1e6)}`;
      const admin = new pg.Client({ connectionString: server });
      await admin.connect();
      await admin.query(`CREATE DATABASE ${name}`); // a generated identifier, never input
      await admin.end();
      const url = new URL(server);
      url.pathname = `/${name}`;
      return url.toString();
    },
    open: async () => openServiceDatabase(await CATALOG_DATABASES[1]!.location()),
  },
];
