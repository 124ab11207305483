import type { FastifyInstance } from 'fastify';
import { notFoundError } from '../../errors/not-found-error.js';
import { StackhookError } from '../../errors/stackhook-error.js';
import type { Platform } from '../../hierarchy/platform.js';
import { ARCHITECTURE, NAME } from './build-names.js';
import { BUILD_ARCHITECTURE, ImageBuilder, type ImageBuildRequest } from '../image-builder.js';

const buildImageBody = {
  type: 'object',
  additionalProperties: false,
  required: ['component', 'branch', 'architecture', 'dockerfile'],
  properties: {
    component: { type: 'string', pattern: NAME },
    branch: { type: 'string', pattern: NAME },
    architecture: ARCHITECTURE,
    dockerfile: { type: 'string', minLength: 1, maxLength: 65536 },
  },
} as const;

const findImageQuery = {
  type: 'object',
  additionalProperties: false,
  required: ['component', 'branch', 'tag'],
  properties: {
    component: { type: 'string', pattern: NAME },
    branch: { type: 'string', pattern: NAME },
    tag: { type: 'string', pattern: '^[a-z0-9][a-z0-9._-]{0,127}$' },
  },
} as const;

/**
 * POST /build/image (build, push, register; 201, or 200 with the image the same Dockerfile made before) and GET
 * /build/image (name and pull command, or 404).
 */
export async function buildImageRoutes(
  app: FastifyInstance,
  options: { builder: ImageBuilder },
): Promise<void> {
  const tags = ['build'];
  app.post('/build/image', { schema: { tags, body: buildImageBody } }, async (request, reply) => {
    const body = request.body as ImageBuildRequest & { architecture: Platform };
    if (body.architecture !== BUILD_ARCHITECTURE) {
      throw new StackhookError({
        kind: 'input',
        description: `this service builds ${BUILD_ARCHITECTURE} images, not ${body.architecture}`,
        subject: 'architecture',
      });
    }
    // 201 for a new build, 200 when the registry already had the image this Dockerfile makes.
    const { image, created } = await options.builder.build(body, request.actor);
    return reply.code(created ? 201 : 200).send(image);
  });
  app.get('/build/image', { schema: { tags, querystring: findImageQuery } }, async (request) => {
    const { component, branch, tag } = request.query as { component: string; branch: string; tag: string };
    const found = await options.builder.find(component, branch, tag);
    if (!found) {
      throw notFoundError(`image ${ImageBuilder.nameOf(component, branch)}:${tag}`, {
        subject: `${component}/${branch}/${tag}`,
      });
    }
    return found;
  });
}
