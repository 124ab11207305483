import { searchTable } from '../catalog-search.js';
import { fromAmi, IMAGE_FIELDS, SWTAG_FIELDS, toAmi } from '../routes/ami-names.js';
import { imageQuery } from '../routes/image-schemas.js';
import { swTagQuery } from '../routes/swtag-schemas.js';
import { readArguments } from './ami-arguments.js';
import type { AmiContext } from './ami-command-context.js';
import type { AmiCommandSpec } from './ami-command-spec.js';
import type { AmiRowset } from './ami-rowset.js';
import { checkedArguments } from './checked-arguments.js';
import { IMAGE_COMMANDS } from './image-commands.js';
import type { AmiCommand } from './parse-ami-command.js';
import { amiError } from './parse-ami-command.js';
import { SWTAG_COMMANDS } from './swtag-commands.js';

export type { AmiContext } from './ami-command-context.js';

/** REST's search schema with the page as AMI writes every argument: LIMIT and OFFSET. */
function amiQuery(query: { properties: Record<string, unknown> }) {
  const { limit, offset, ...fields } = query.properties;
  return { ...query, properties: { ...fields, LIMIT: limit, OFFSET: offset } };
}

function search(table: 'swtag' | 'image', type: string, fields: readonly string[]): AmiCommandSpec {
  const schema = amiQuery(table === 'swtag' ? swTagQuery : imageQuery);
  return {
    takes: [...fields, 'LIMIT', 'OFFSET'],
    run: async (args, context, name) => {
      // The schema's defaults fill LIMIT and OFFSET.
      const { LIMIT, OFFSET, ...filters } = checkedArguments(
        name,
        schema,
        { ...args.values },
        args,
      ) as Record<string, unknown>;
      const { rows, total } = await searchTable(
        context.db,
        table,
        fromAmi(filters) as Record<string, string>,
        {
          limit: LIMIT as number,
          offset: OFFSET as number,
        },
      );
      return [{ type, rows: rows.map(toAmi).map((row) => ({ ...row, TOTAL: total })) }];
    },
  };
}

const COMMANDS: Record<string, AmiCommandSpec> = {
  ...SWTAG_COMMANDS,
  ...IMAGE_COMMANDS,
  SearchSWTags: search('swtag', 'SWTAG', SWTAG_FIELDS),
  ListSWTags: search('swtag', 'SWTAG', SWTAG_FIELDS),
  SearchImages: search('image', 'IMAGE', IMAGE_FIELDS),
  ListImages: search('image', 'IMAGE', IMAGE_FIELDS),
};

/** The commands the catalog runs (and GetUserInfo, which the request answers itself). */
export const AMI_COMMAND_NAMES = [...Object.keys(COMMANDS), 'GetUserInfo'];

/**
 * AMI's commands over the catalog, with AMI's names and semantics, arguments as the SW-Tag document spells them;
 * every result is a list of rowsets. Records and searches are checked against the REST routes' schemas.
 */
export async function runAmiCommand(command: AmiCommand, context: AmiContext): Promise<AmiRowset[]> {
  const spec = Object.hasOwn(COMMANDS, command.name) ? COMMANDS[command.name] : undefined;
  if (!spec) throw amiError(`unknown command ${command.name} (${AMI_COMMAND_NAMES.join(', ')})`);
  return spec.run(readArguments(command, spec.takes), context, command.name);
}
