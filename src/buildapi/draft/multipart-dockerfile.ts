import multipart, { type MultipartFile } from '@fastify/multipart';
import type { FastifyInstance } from 'fastify';
import { StackhookError } from '../../errors/stackhook-error.js';

/** A Dockerfile's limit, as in a JSON body. */
export const DOCKERFILE_LIMIT = 65536;
const FIELD_LIMIT = 256;

/** A part as the form parser attaches it: a file's text (onFile), or a field's. */
interface AttachedPart {
  value?: unknown;
  valueTruncated?: boolean;
}

/**
 * The draft's POST image as a multipart form: `dockerfile` a file (or a field), `component`, `branch`,
 * `architecture` fields, put on the body as strings so that the JSON body's schema checks them. Tight limits: one
 * file of 64 KiB, four fields of 256 bytes, five parts; more is a 413 (files, sizes: a field the parser would cut
 * short too) or the schema's 400 (an unknown or repeated field). Nothing is written to disk.
 */
export async function acceptMultipartDockerfile(app: FastifyInstance): Promise<void> {
  await app.register(multipart, {
    attachFieldsToBody: true,
    limits: {
      fileSize: DOCKERFILE_LIMIT,
      files: 1,
      fields: 4,
      parts: 5,
      fieldSize: FIELD_LIMIT,
      headerPairs: 20,
    },
    async onFile(part: MultipartFile) {
      (part as MultipartFile & AttachedPart).value = (await part.toBuffer()).toString('utf8');
    },
  });
  // After the parser's own hook: its parts become values, a field it cut short a 413 rather than other text.
  app.addHook('preValidation', async (request) => {
    if (!request.isMultipart()) return;
    const values: Record<string, unknown> = {};
    for (const [name, part] of Object.entries((request.body ?? {}) as Record<string, AttachedPart>)) {
      if (Array.isArray(part)) values[name] = part.map((each: AttachedPart) => each.value);
      else if (part.valueTruncated)
        throw new StackhookError({
          kind: 'input',
          status: 413,
          description: `${name}: a form field is at most ${FIELD_LIMIT} bytes (send the Dockerfile as a file)`,
          subject: name,
        });
      else values[name] = part.value;
    }
    request.body = values;
  });
}
