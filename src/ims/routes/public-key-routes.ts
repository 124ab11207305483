import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import * as Type from '../../service/schemas/type.js';
import { softDeleteRoutes } from './soft-delete-routes.js';
import type { PublicKeyRepository } from '../public-key-repository.js';
import { idParams } from './recipe-schemas.js';

/** One OpenSSH public key line: type, base64 key, optional comment (no options, no newlines). */
const newPublicKeyBody = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 256 }),
    public_key: Type.String({
      maxLength: 16384,
      pattern:
        '^(ssh-ed25519|ssh-rsa|ecdsa-sha2-nistp(256|384|521)|sk-ssh-ed25519@openssh\\.com) [A-Za-z0-9+/]+={0,3}( [^\\n\\r]{0,256})?\\s*$',
    }),
  },
  { additionalProperties: false },
);

/** /ims/v3/public-keys and /ims/v3/deleted/public-keys. */
export const publicKeyRoutes: FastifyPluginAsyncTypebox<{ publicKeys: PublicKeyRepository }> = async (
  app,
  options,
) => {
  const { publicKeys } = options;
  const tags = ['ims'];
  app.get('/ims/v3/public-keys', { schema: { tags } }, async () => publicKeys.list(false));
  app.post('/ims/v3/public-keys', { schema: { tags, body: newPublicKeyBody } }, async (request, reply) =>
    reply.code(201).send(await publicKeys.create(request.body)),
  );
  app.get('/ims/v3/public-keys/:id', { schema: { tags, params: idParams } }, async (request) =>
    publicKeys.get(request.params.id),
  );
  await app.register(softDeleteRoutes, { plural: 'public-keys', records: publicKeys });
};
