import { fromAmi, toAmi } from '../routes/ami-names.js';
import { addSwTagBody, updateSwTagBody } from '../routes/swtag-schemas.js';
import { SWTAG_IDENTITY, type SwTagFields } from '../swtag-fields.js';
import { notFoundError } from '../../errors/not-found-error.js';
import { argumentName, type AmiArguments } from './ami-arguments.js';
import type { AmiContext } from './ami-command-context.js';
import type { AmiCommandSpec } from './ami-command-spec.js';
import { amiTagInfo } from './ami-tag-info.js';
import { checkedArguments } from './checked-arguments.js';
import { amiError } from './parse-ami-command.js';

const WRITABLE = [...SWTAG_IDENTITY.map((field) => field.toUpperCase()), 'COMMENT'];

/** The SW-Tag a command is about (-swTag, -amiTag or -tagName). */
function tagName(name: string, args: AmiArguments): string {
  const value = args.values.TAGNAME;
  if (value === undefined || value === '') throw amiError(`${name} needs -swTag or -amiTag (or -tagName)`);
  return value;
}

const get = (context: AmiContext, tagname: string) =>
  context.swtags
    .get(tagname)
    .then((tag) => tag ?? Promise.reject(notFoundError(`SW-Tag ${tagname}`, { subject: tagname })));

const info: AmiCommandSpec = {
  takes: ['TAGNAME'],
  run: async (args, context, name) => [
    { type: 'SWTAG', rows: [toAmi(await get(context, tagName(name, args)))] },
  ],
};

/** GetSWTagInfo, AddSWTag, UpdateSWTag, ListImagesForSWTag; GetAMITagInfo and pyAMI-atlas' AMIGetAMITagInfo. */
export const SWTAG_COMMANDS: Record<string, AmiCommandSpec> = {
  GetSWTagInfo: info,
  GetAMITagInfo: info,
  AMIGetAMITagInfo: {
    takes: ['TAGNAME'],
    run: async (args, context, name) => [
      { type: 'amiTagInfo', rows: [amiTagInfo(await get(context, tagName(name, args)))] },
    ],
  },
  AddSWTag: {
    takes: WRITABLE,
    run: async (args, context, name) => {
      const values = { TAGTYPE: context.defaultTagType ?? 'container', ...args.values };
      const fields = fromAmi(checkedArguments(name, addSwTagBody, values, args));
      const { tag } = await context.swtags.add(fields as unknown as SwTagFields, context.actor);
      return [{ type: 'SWTAG', rows: [toAmi(tag)] }];
    },
  },
  UpdateSWTag: {
    takes: ['TAGNAME', ...WRITABLE],
    run: async (args, context, name) => {
      const tagname = tagName(name, args);
      const { TAGNAME: _, ...changes } = args.values;
      if (Object.keys(changes).length === 0)
        throw amiError(`${name} needs a field to change (${WRITABLE.map(argumentName).join(', ')})`);
      const fields = fromAmi(checkedArguments(name, updateSwTagBody, changes, args));
      const tag = await context.swtags.update(tagname, fields as Partial<SwTagFields>, context.actor);
      return [{ type: 'SWTAG', rows: [toAmi(tag)] }];
    },
  },
  ListImagesForSWTag: {
    takes: ['TAGNAME'],
    run: async (args, context, name) => {
      const tag = await get(context, tagName(name, args));
      return [{ type: 'IMAGE', rows: (await context.images.listForSwTag(tag.tagname)).map(toAmi) }];
    },
  },
};
