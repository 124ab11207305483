import type { FastifyInstance } from 'fastify';
import { AMI_CONVERTERS } from '../ami/ami-converter-names.js';
import { amiErrorHandler } from '../ami/ami-error-handler.js';
import { refuseAnonymous } from '../ami/anonymous-first.js';
import { answerAmiRequest } from '../ami/answer-ami-request.js';

const body = {
  type: 'object',
  additionalProperties: false,
  required: ['Command'],
  properties: {
    Command: { type: 'string', minLength: 1, maxLength: 8192 },
    Converter: { type: 'string', enum: [...AMI_CONVERTERS], default: 'json' },
  },
} as const;

/** Where pyAMI's endpoints point: its `local` one (/AMI/FrontEnd) and ATLAS's `atlas-v2` (/AMI2/FrontEnd). */
const PATHS = ['/ami/command', '/AMI/FrontEnd', '/AMI2/FrontEnd'];

/**
 * POST /ami/command: AMI's endpoint (form or JSON fields Command and Converter), answers and errors in AMI's
 * shapes. Credentials come in the command (-AMIUser/-AMIPass), a bearer key or a session: the command says
 * what role it needs, so the handler checks it.
 */
export async function amiRoutes(
  app: FastifyInstance,
  options: { readsNeedKey: boolean; defaultTagType?: string },
): Promise<void> {
  app.setErrorHandler(amiErrorHandler);
  for (const url of PATHS)
    app.post(
      url,
      {
        schema: { body, tags: ['ami'], ...(url === PATHS[0] ? {} : { hide: true }) },
        config: { role: 'in-handler' },
        preValidation: async (request) => {
          if (options.readsNeedKey) refuseAnonymous(request);
        },
      },
      (request, reply) => answerAmiRequest(app, request, reply, options),
    );
}
