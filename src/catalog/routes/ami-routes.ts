import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import * as Type from '../../service/schemas/type.js';
import { AMI_CONVERTERS } from '../ami/ami-converter-names.js';
import { amiErrorHandler } from '../ami/ami-error-handler.js';
import { refuseAnonymous } from '../ami/anonymous-first.js';
import { answerAmiRequest, type AmiRequestOptions } from '../ami/answer-ami-request.js';
import { defaulted } from './defaulted.js';

const body = Type.Object(
  {
    Command: Type.String({ minLength: 1, maxLength: 8192 }),
    Converter: defaulted(Type.Enum([...AMI_CONVERTERS], { type: 'string', default: 'json' })),
  },
  { additionalProperties: false },
);

/** Where pyAMI's endpoints point: its `local` one (/AMI/FrontEnd) and ATLAS's `atlas-v2` (/AMI2/FrontEnd). */
const PATHS = ['/ami/command', '/AMI/FrontEnd', '/AMI2/FrontEnd'];

/**
 * POST /ami/command: AMI's endpoint (form or JSON fields Command and Converter), answers and errors in AMI's
 * shapes. Credentials come in the command (-AMIUser/-AMIPass), a bearer key or a session: the command says
 * what role it needs, so the handler checks it.
 */
export const amiRoutes: FastifyPluginAsyncTypebox<AmiRequestOptions> = async (app, options) => {
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
      (request, reply) => answerAmiRequest(app, request, reply, request.body.Command, options),
    );
};
