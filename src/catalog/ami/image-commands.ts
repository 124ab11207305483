import { StackhookError } from '../../errors/stackhook-error.js';
import type { CatalogImage, ImagePublication } from '../image-repository.js';
import { fromAmi, toAmi } from '../routes/ami-names.js';
import { addImageBody, imageIdParams } from '../routes/image-schemas.js';
import { catalogInteger } from '../catalog-field-grammar.js';
import { argumentName, type AmiArguments } from './ami-arguments.js';
import type { AmiContext } from './ami-command-context.js';
import type { AmiCommandSpec } from './ami-command-spec.js';
import { checkedArguments } from './checked-arguments.js';
import { amiError } from './parse-ami-command.js';
import { notFoundError } from '../../errors/not-found-error.js';

const PUBLICATION = ['REGISTRY', 'REPOSITORY_USER', 'REPOSITORY_NAME', 'REPOSITORY_SWTAG', 'HASH_DIGEST'];
/** Where and as what an image was published: fixed once it is (its pull reference is `<swtag>-<counter>`). */
const PUBLISHED_AS = [
  'REGISTRY',
  'REPOSITORY_USER',
  'REPOSITORY_NAME',
  'REPOSITORY_SWTAG',
  'REPOSITORY_COUNTER',
];

const counterSchema = {
  type: 'object',
  properties: { REPOSITORY_COUNTER: catalogInteger() },
} as const;

function imageId(name: string, args: AmiArguments): number {
  if (args.values.ID === undefined) throw amiError(`${name} needs -id`);
  return checkedArguments(
    name,
    imageIdParams,
    { id: args.values.ID as unknown },
    {
      ...args,
      spellings: { id: args.spellings.ID ?? 'id' },
    },
  ).id as number;
}

async function image(context: AmiContext, id: number): Promise<CatalogImage> {
  const found = await context.images.get(id);
  if (!found) throw notFoundError(`image ${id}`, { subject: 'AMI command' });
  return found;
}

/** The counter a command gave, as a number (or undefined). */
function counter(name: string, args: AmiArguments): number | undefined {
  if (args.values.REPOSITORY_COUNTER === undefined) return undefined;
  const values = { REPOSITORY_COUNTER: args.values.REPOSITORY_COUNTER as unknown };
  return checkedArguments(name, counterSchema, values, args).REPOSITORY_COUNTER as number;
}

/**
 * UpdateImage under the catalog's rules: the digest may change; where the image was published, under which
 * SW-Tag and counter may be given (a script passes the whole record) but not changed.
 */
async function updateImage(args: AmiArguments, context: AmiContext, name: string) {
  const id = imageId(name, args);
  const current = toAmi(await image(context, id));
  const given: Record<string, unknown> = { ...args.values, REPOSITORY_COUNTER: counter(name, args) };
  const changed = PUBLISHED_AS.filter(
    (field) => given[field] !== undefined && given[field] !== current[field],
  );
  if (changed.length > 0) {
    const reference = `${String(current.REGISTRY)}/${String(current.REPOSITORY_USER)}/${String(current.REPOSITORY_NAME)}:${String(current.REPOSITORY_SWTAG)}-${String(current.REPOSITORY_COUNTER)}`;
    throw new StackhookError({
      kind: 'input',
      status: 409,
      description: `${name}: image ${id} was published as ${reference}: its ${changed.map(argumentName).join(', ')} can't change (-hashDigest can)`,
      subject: 'AMI command',
    });
  }
  const { HASH_DIGEST } = args.values;
  if (HASH_DIGEST === undefined) return current;
  const { HASH_DIGEST: digest } = checkedArguments(
    name,
    { properties: { HASH_DIGEST: addImageBody.properties.HASH_DIGEST } },
    { HASH_DIGEST },
    args,
  );
  return toAmi(await context.images.update(id, { hash_digest: digest }, context.actor));
}

/** GetImageInfo, AddImage, UpdateImage, DellImage. */
export const IMAGE_COMMANDS: Record<string, AmiCommandSpec> = {
  GetImageInfo: {
    takes: ['ID'],
    run: async (args, context, name) => [
      { type: 'IMAGE', rows: [toAmi(await image(context, imageId(name, args)))] },
    ],
  },
  AddImage: {
    takes: [...PUBLICATION, 'REPOSITORY_COUNTER'],
    run: async (args, context, name) => {
      const expected = counter(name, args);
      const { REPOSITORY_COUNTER: _, ...values } = args.values;
      const publication = fromAmi(checkedArguments(name, addImageBody, values, args));
      const added = await context.images.add(
        publication as unknown as ImagePublication,
        context.actor,
        expected,
      );
      return [{ type: 'IMAGE', rows: [toAmi(added.image)] }];
    },
  },
  UpdateImage: {
    takes: ['ID', ...PUBLICATION, 'REPOSITORY_COUNTER'],
    run: async (args, context, name) => [{ type: 'IMAGE', rows: [await updateImage(args, context, name)] }],
  },
  DellImage: {
    takes: ['ID'],
    run: async (args, context, name) => [
      { type: 'IMAGE', rows: [toAmi(await context.images.delete(imageId(name, args), context.actor))] },
    ],
  },
};
