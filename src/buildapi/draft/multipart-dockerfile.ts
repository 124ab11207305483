import multipart, { type MultipartFile } from '@fastify/multipart';
import type { FastifyInstance } from 'fastify';

/** A Dockerfile's limit, as in a JSON body. */
export const DOCKERFILE_LIMIT = 65536;

/**
 * The draft's POST image as a multipart form: `dockerfile` a file (or a field), `component`, `branch`,
 * `architecture` fields, put on the body as strings so that the JSON body's schema checks them. Tight limits: one
 * file of 64 KiB, four short fields, five parts; more is a 413 (files, size) or the schema's 400 (an unknown or
 * repeated field). Nothing is written to disk.
 */
export async function acceptMultipartDockerfile(app: FastifyInstance): Promise<void> {
  await app.register(multipart, {
    attachFieldsToBody: 'keyValues',
    limits: { fileSize: DOCKERFILE_LIMIT, files: 1, fields: 4, parts: 5, fieldSize: 256, headerPairs: 20 },
    async onFile(part: MultipartFile) {
      (part as MultipartFile & { value: unknown }).value = (await part.toBuffer()).toString('utf8');
    },
  });
}
