import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { notFoundError } from '../../errors/not-found-error.js';
import * as Type from '../../service/schemas/type.js';
import { describeComponent } from '../component/describe-component.js';
import { NOARCH } from '../environment/build-environment.js';
import type { BuildEnvironments } from '../environment/build-environments.js';
import type { SharedComponents } from '../shared/shared-components.js';
import { ARCHITECTURE, GIT_TAG, NAME } from './build-names.js';

const putComponentBody = Type.Object(
  {
    component: Type.String({ pattern: NAME }),
    tag: Type.String({ pattern: GIT_TAG }),
    /** A path on the shared root: absolute, or relative to the root. */
    results_tarball: Type.String({ minLength: 1, maxLength: 4096 }),
    /** ad-build's client sends none: the component is stored as `noarch`, served for every architecture. */
    arch: Type.Optional(ARCHITECTURE),
    architecture: Type.Optional(ARCHITECTURE),
  },
  { additionalProperties: false },
);

/**
 * PUT /build/component: stores a tarball a client left on the shared root (201; 200 when the same bytes are
 * stored already; 409 for other bytes). Without `serve --shared-root` it is a 404 saying so.
 */
export const putComponentRoutes: FastifyPluginAsyncTypebox<{
  components?: SharedComponents;
  environments: BuildEnvironments;
}> = async (app, options) => {
  app.put(
    '/build/component',
    // Not in the OpenAPI document of a service without a shared root: there it only says which option is missing.
    { schema: { tags: ['build'], body: putComponentBody, hide: !options.components } },
    async (request, reply) => {
      const { component, tag, results_tarball, arch, architecture = arch ?? NOARCH } = request.body;
      if (!options.components)
        throw notFoundError('shared root on this service', {
          subject: 'results_tarball',
          hint: 'PUT /component takes tarballs from the volume given by serve --shared-root <dir>',
        });
      options.environments.resolve(architecture, architecture === arch ? 'arch' : 'architecture');
      const key = { component, tag, architecture };
      const { artifact, created } = await options.components.put(key, results_tarball);
      return reply
        .code(created ? 201 : 200)
        .send({ ...describeComponent(key, artifact), payload: 'Success' });
    },
  );
};
