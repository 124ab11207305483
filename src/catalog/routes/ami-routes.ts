import type { FastifyInstance } from 'fastify';
import { AMI_CONVERTERS, CONTENT_TYPES, convert, type AmiConverter } from '../ami/ami-converters.js';
import { parseAmiCommand } from '../ami/parse-ami-command.js';
import { runAmiCommand } from '../ami/run-ami-command.js';

const body = {
  type: 'object',
  additionalProperties: false,
  required: ['Command'],
  properties: {
    Command: { type: 'string', minLength: 1, maxLength: 8192 },
    Converter: { type: 'string', enum: [...AMI_CONVERTERS], default: 'json' },
  },
} as const;

/** POST /ami/command: AMI's endpoint (form or JSON fields Command and Converter). */
export async function amiRoutes(app: FastifyInstance): Promise<void> {
  app.post('/ami/command', { schema: { body, tags: ['ami'] } }, async (request, reply) => {
    const { Command, Converter } = request.body as { Command: string; Converter: AmiConverter };
    const command = parseAmiCommand(Command);
    const rowsets = await runAmiCommand(command, { ...app.catalog, actor: request.actor });
    return reply.type(CONTENT_TYPES[Converter]).send(convert(Converter, command.name, rowsets));
  });
}
