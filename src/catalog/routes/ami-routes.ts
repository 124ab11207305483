import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import * as Type from '../../service/schemas/type.js';
import { AMI_CONVERTERS, CONTENT_TYPES, convert } from '../ami/ami-converters.js';
import { parseAmiCommand } from '../ami/parse-ami-command.js';
import { runAmiCommand } from '../ami/run-ami-command.js';
import { requireRole } from '../../service/auth/service-auth.js';
import type { Role } from '../../service/database/service-tables.js';
import { defaulted } from './defaulted.js';

const body = Type.Object(
  {
    Command: Type.String({ minLength: 1, maxLength: 8192 }),
    Converter: defaulted(Type.Enum([...AMI_CONVERTERS], { type: 'string', default: 'json' })),
  },
  { additionalProperties: false },
);

/** Get, List and Search commands are reads; Add and Update need a writer; DellImage an admin. */
export function amiCommandRole(name: string, readsNeedKey: boolean): Role | undefined {
  if (/^(Get|List|Search)/.test(name)) return readsNeedKey ? 'reader' : undefined;
  return name.startsWith('Dell') ? 'admin' : 'writer';
}

/** POST /ami/command: AMI's endpoint (form or JSON fields Command and Converter). */
export const amiRoutes: FastifyPluginAsyncTypebox<{ readsNeedKey: boolean }> = async (app, options) => {
  const { readsNeedKey } = options;
  app.post(
    '/ami/command',
    // Its command says what role it needs; before reading it, reads' role (when they need a key) is checked.
    {
      schema: { body, tags: ['ami'] },
      config: { role: 'in-handler', least: readsNeedKey ? 'reader' : undefined },
    },
    async (request, reply) => {
      const { Command, Converter } = request.body;
      const command = parseAmiCommand(Command);
      requireRole(request, amiCommandRole(command.name, readsNeedKey));
      const rowsets = await runAmiCommand(command, { ...app.catalog, actor: request.actor });
      return reply.type(CONTENT_TYPES[Converter]).send(convert(Converter, command.name, rowsets));
    },
  );
};
