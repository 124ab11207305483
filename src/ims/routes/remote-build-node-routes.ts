import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { BuildNodePool } from '../nodes/build-node-pool.js';
import { remoteBuildNodeBody, xnameParams } from './remote-build-node-schemas.js';

/**
 * /ims/v3/remote-build-nodes (Cray's records, by xname) and /ims/v3/remote-build-nodes/status: registering
 * or removing a node is an admin's, as it decides where jobs run.
 */
export const remoteBuildNodeRoutes: FastifyPluginAsyncTypebox<{ pool: BuildNodePool }> = async (
  app,
  options,
) => {
  const { pool } = options;
  const { nodes } = pool;
  const tags = ['ims'];
  const admin = { role: 'admin' as const };
  const base = '/ims/v3/remote-build-nodes';
  app.get(base, { schema: { tags } }, async () => nodes.list());
  app.post(base, { schema: { tags, body: remoteBuildNodeBody }, config: admin }, async (request, reply) =>
    reply.code(201).send(await nodes.add(request.body.xname)),
  );
  app.delete(base, { schema: { tags }, config: admin }, async (_request, reply) => {
    await nodes.removeAll();
    return reply.code(204).send();
  });
  // Before /:xname: `status` is no xname here.
  app.get(`${base}/status`, { schema: { tags } }, async () => pool.statuses());
  // Cray's spec answers a list here too (its server, one object): a list of the one node, as the spec says.
  app.get(
    `${base}/status/:remote_build_node_xname`,
    { schema: { tags, params: xnameParams } },
    async (request) => [await pool.status(request.params.remote_build_node_xname)],
  );
  app.get(`${base}/:remote_build_node_xname`, { schema: { tags, params: xnameParams } }, async (request) =>
    nodes.get(request.params.remote_build_node_xname),
  );
  app.delete(
    `${base}/:remote_build_node_xname`,
    { schema: { tags, params: xnameParams }, config: admin },
    async (request, reply) => {
      await nodes.remove(request.params.remote_build_node_xname);
      return reply.code(204).send();
    },
  );
};
