import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import * as Type from '../../service/schemas/type.js';
import { notFoundError } from '../../errors/not-found-error.js';
import { ARCHITECTURE, NAME } from './build-names.js';
import { ImageBuilder } from '../image-builder.js';
import type { SharedRoot } from '../shared/shared-root.js';
import { resolveDockerfileField } from '../shared/resolve-dockerfile-field.js';

const buildImageBody = Type.Object(
  {
    // Read from the name of a Dockerfile on the shared root when not given.
    component: Type.Optional(Type.String({ pattern: NAME })),
    branch: Type.Optional(Type.String({ pattern: NAME })),
    architecture: ARCHITECTURE,
    /** The Dockerfile's text, or the name of one in `<shared root>/dockerfiles/`. */
    dockerfile: Type.String({ minLength: 1, maxLength: 65536 }),
  },
  { additionalProperties: false },
);

const findImageQuery = Type.Object(
  {
    component: Type.String({ pattern: NAME }),
    branch: Type.String({ pattern: NAME }),
    tag: Type.String({ pattern: '^[a-z0-9][a-z0-9._-]{0,127}$' }),
  },
  { additionalProperties: false },
);

/**
 * POST /build/image (build, push, register; 201, or 200 with the image the same Dockerfile made before) and GET
 * /build/image (name and pull command, or 404).
 */
export const buildImageRoutes: FastifyPluginAsyncTypebox<{
  builder: ImageBuilder;
  sharedRoot?: SharedRoot;
}> = async (app, options) => {
  const tags = ['build'];
  app.post('/build/image', { schema: { tags, body: buildImageBody } }, async (request, reply) => {
    const body = { ...request.body, ...(await resolveDockerfileField(options.sharedRoot, request.body)) };
    // 201 for a new build, 200 when the registry already had the image this Dockerfile makes.
    const { image, created } = await options.builder.build(body, request.actor);
    return reply.code(created ? 201 : 200).send(image);
  });
  app.get('/build/image', { schema: { tags, querystring: findImageQuery } }, async (request) => {
    const { component, branch, tag } = request.query;
    const found = await options.builder.find(component, branch, tag);
    if (!found) {
      throw notFoundError(`image ${ImageBuilder.nameOf(component, branch)}:${tag}`, {
        subject: `${component}/${branch}/${tag}`,
      });
    }
    return found;
  });
};
