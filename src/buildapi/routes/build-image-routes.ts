import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import * as Type from '../../service/schemas/type.js';
import { notFoundError } from '../../errors/not-found-error.js';
import { ARCHITECTURE, NAME } from './build-names.js';
import { StackhookError } from '../../errors/stackhook-error.js';
import { ImageBuilder } from '../image-builder.js';
import { draftImageAnswer } from '../draft/draft-image-answer.js';
import { acceptMultipartDockerfile, DOCKERFILE_LIMIT } from '../draft/multipart-dockerfile.js';
import type { SharedRoot } from '../shared/shared-root.js';
import { resolveDockerfileField } from '../shared/resolve-dockerfile-field.js';

const buildImageBody = Type.Object(
  {
    // Read from the name of a Dockerfile on the shared root when not given.
    component: Type.Optional(Type.String({ pattern: NAME })),
    branch: Type.Optional(Type.String({ pattern: NAME })),
    architecture: ARCHITECTURE,
    /** The Dockerfile's text, or the name of one in `<shared root>/dockerfiles/`. */
    dockerfile: Type.String({ minLength: 1, maxLength: DOCKERFILE_LIMIT }),
  },
  { additionalProperties: false },
);

const findImageQuery = Type.Object(
  {
    component: Type.String({ pattern: NAME }),
    branch: Type.String({ pattern: NAME }),
    tag: Type.Optional(Type.String({ pattern: '^[a-z0-9][a-z0-9._-]{0,127}$' })),
    architecture: Type.Optional(ARCHITECTURE),
  },
  { additionalProperties: false },
);

/**
 * POST /build/image (build, push, register; 201, or 200 with the image the same Dockerfile made before), as JSON
 * or the draft's multipart form, and GET /build/image (name and pull command by tag, or the newest of an
 * architecture; else 404). Answers carry the draft's `status`, `errorMessage`, `imageName`.
 */
export const buildImageRoutes: FastifyPluginAsyncTypebox<{
  builder: ImageBuilder;
  sharedRoot?: SharedRoot;
}> = async (app, options) => {
  const tags = ['build'];
  await acceptMultipartDockerfile(app);
  app.post(
    '/build/image',
    {
      schema: {
        tags,
        body: buildImageBody,
        description: 'JSON, or multipart/form-data with `dockerfile` a file',
      },
    },
    async (request, reply) => {
      const body = { ...request.body, ...(await resolveDockerfileField(options.sharedRoot, request.body)) };
      // 201 for a new build, 200 when the registry already had the image this Dockerfile makes.
      const { image, created } = await options.builder.build(body, request.actor);
      return reply.code(created ? 201 : 200).send(draftImageAnswer(image, created));
    },
  );
  app.get(
    '/build/image',
    {
      schema: {
        tags,
        querystring: findImageQuery,
        description: 'by tag, or without one the newest of an architecture',
      },
    },
    async (request) => {
      const { component, branch, tag, architecture } = request.query;
      const name = ImageBuilder.nameOf(component, branch);
      if (tag === undefined && architecture === undefined)
        throw new StackhookError({
          kind: 'input',
          description: 'give the image’s tag, or its architecture for the newest one',
          subject: 'tag',
        });
      const found =
        tag === undefined
          ? await options.builder.newest(component, branch, architecture!)
          : await options.builder.find(component, branch, tag);
      if (!found)
        throw notFoundError(
          tag === undefined ? `image ${name} for ${architecture}` : `image ${name}:${tag}`,
          {
            subject: `${component}/${branch}/${tag ?? architecture}`,
          },
        );
      return draftImageAnswer(found, false);
    },
  );
};
