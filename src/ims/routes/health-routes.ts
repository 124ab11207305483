import type { FastifyPluginAsync } from 'fastify';
import { sql, type Kysely } from 'kysely';
import { toolVersion } from '../../pipeline/tool-version.js';
import type { ImsTables } from '../ims-tables.js';

/**
 * Cray's `healthz/ready` (the database answers), `healthz/live` (the process does) and `version` (Cray's server
 * answers `{"version": ...}`, so does this), under /ims and, through the gateway path, /apis/ims. Probes need
 * no key; a failure is a 500 problem.
 */
export const healthRoutes: FastifyPluginAsync<{ db: Kysely<ImsTables> }> = async (app, options) => {
  const open = { role: 'open' as const };
  const schema = { tags: ['ims'] };
  app.get('/ims/healthz/ready', { schema, config: open }, async () => {
    await sql`select 1`.execute(options.db);
    return {};
  });
  app.get('/ims/healthz/live', { schema, config: open }, async () => ({}));
  app.get('/ims/version', { schema }, async () => ({ version: toolVersion() }));
};
