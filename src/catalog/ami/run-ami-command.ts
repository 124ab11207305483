import type { Kysely } from 'kysely';
import type { CatalogSchema } from '../catalog-schema.js';
import { searchTable } from '../catalog-search.js';
import type { ImageRepository, ImagePublication } from '../image-repository.js';
import { fromAmi, IMAGE_FIELDS, SWTAG_FIELDS, toAmi } from '../routes/ami-names.js';
import { SWTAG_IDENTITY, type Actor, type SwTagFields } from '../swtag-fields.js';
import { notFound, type SwTagRepository } from '../swtag-repository.js';
import type { AmiCommand } from './parse-ami-command.js';
import { amiError } from './parse-ami-command.js';
import type { AmiRowset } from './ami-rowset.js';

export interface AmiContext {
  db: Kysely<CatalogSchema>;
  swtags: SwTagRepository;
  images: ImageRepository;
  actor: Actor;
}

/** AMI's commands over the catalog, with AMI's names and semantics; every result is a list of rowsets. */
export async function runAmiCommand(command: AmiCommand, context: AmiContext): Promise<AmiRowset[]> {
  const arg = (...names: string[]) =>
    names.map((name) => command.args.get(name)).find((value) => value !== undefined);
  const required = (...names: string[]) => {
    const value = arg(...names);
    if (value === undefined || value === '') throw amiError(`${command.name} needs -${names.join(' or -')}`);
    return value;
  };
  const upper = () => Object.fromEntries([...command.args].map(([key, value]) => [key.toUpperCase(), value]));
  const swtag = (tagname: string) =>
    context.swtags.get(tagname).then((tag) => (tag ? tag : Promise.reject(notFound(tagname))));
  const imageId = () => {
    const id = Number(required('id', 'ID'));
    if (!Number.isInteger(id) || id < 1) throw amiError(`${command.name}: -id must be a positive integer`);
    return id;
  };
  switch (command.name) {
    case 'GetSWTagInfo':
    case 'GetAMITagInfo':
      return [{ type: 'SWTAG', rows: [toAmi(await swtag(required('swTag', 'amiTag', 'tagName')))] }];
    case 'AddSWTag': {
      const fields = fromAmi(
        pick(upper(), [...SWTAG_IDENTITY.map((field) => field.toUpperCase()), 'COMMENT']),
      );
      for (const field of SWTAG_IDENTITY) if (!fields[field]) throw amiError(`AddSWTag needs -${field}`);
      return [
        {
          type: 'SWTAG',
          rows: [toAmi((await context.swtags.add(fields as unknown as SwTagFields, context.actor)).tag)],
        },
      ];
    }
    case 'UpdateSWTag': {
      const tagname = required('tagName', 'swTag');
      const changes = fromAmi(
        pick(upper(), [...SWTAG_IDENTITY.map((field) => field.toUpperCase()), 'COMMENT']),
      );
      return [
        {
          type: 'SWTAG',
          rows: [toAmi(await context.swtags.update(tagname, changes as Partial<SwTagFields>, context.actor))],
        },
      ];
    }
    case 'ListImagesForSWTag': {
      const tagname = required('swTag', 'amiTag');
      await swtag(tagname);
      return [{ type: 'IMAGE', rows: (await context.images.listForSwTag(tagname)).map(toAmi) }];
    }
    case 'GetImageInfo': {
      const id = imageId();
      const image = await context.images.get(id);
      if (!image) throw amiError(`no image ${id}`, 404);
      return [{ type: 'IMAGE', rows: [toAmi(image)] }];
    }
    case 'AddImage': {
      const fields = upper();
      const publication = fromAmi(
        pick(fields, ['REGISTRY', 'REPOSITORY_USER', 'REPOSITORY_NAME', 'REPOSITORY_SWTAG', 'HASH_DIGEST']),
      );
      for (const key of ['registry', 'repository_user', 'repository_name', 'repository_swtag', 'hash_digest'])
        if (!publication[key]) throw amiError(`AddImage needs -${key.toUpperCase()}`);
      return [
        {
          type: 'IMAGE',
          rows: [
            toAmi(
              (await context.images.add(publication as unknown as ImagePublication, context.actor)).image,
            ),
          ],
        },
      ];
    }
    case 'UpdateImage':
      return [
        {
          type: 'IMAGE',
          rows: [
            toAmi(
              await context.images.update(
                imageId(),
                { hash_digest: required('HASH_DIGEST', 'hashDigest') },
                context.actor,
              ),
            ),
          ],
        },
      ];
    case 'DellImage':
      return [{ type: 'IMAGE', rows: [toAmi(await context.images.delete(imageId(), context.actor))] }];
    case 'SearchSWTags':
    case 'ListSWTags':
      return [await search(context, 'swtag', 'SWTAG', SWTAG_FIELDS, upper())];
    case 'SearchImages':
    case 'ListImages':
      return [await search(context, 'image', 'IMAGE', IMAGE_FIELDS, upper())];
    default:
      throw amiError(
        `unknown command ${command.name} (GetSWTagInfo, GetAMITagInfo, AddSWTag, UpdateSWTag, GetImageInfo, AddImage, UpdateImage, DellImage, ListImagesForSWTag, SearchSWTags, SearchImages)`,
      );
  }
}

async function search(
  context: AmiContext,
  table: 'swtag' | 'image',
  type: string,
  fields: readonly string[],
  args: Record<string, string>,
): Promise<AmiRowset> {
  const limit = Math.min(1000, Math.max(1, Number(args.LIMIT ?? 100) || 100));
  const offset = Math.max(0, Number(args.OFFSET ?? 0) || 0);
  const unknown = Object.keys(args).filter(
    (key) => !fields.includes(key) && key !== 'LIMIT' && key !== 'OFFSET',
  );
  if (unknown.length > 0)
    throw amiError(`unknown field(s) ${unknown.join(', ')} (fields: ${fields.join(', ')})`);
  const { rows, total } = await searchTable(
    context.db,
    table,
    fromAmi(pick(args, fields)) as Record<string, string>,
    { limit, offset },
  );
  return { type, rows: rows.map(toAmi).map((row) => ({ ...row, TOTAL: total })) };
}

function pick(record: Record<string, string>, keys: readonly string[]): Record<string, string> {
  return Object.fromEntries(Object.entries(record).filter(([key]) => keys.includes(key)));
}
