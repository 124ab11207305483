import type { Kysely } from 'kysely';
import type { CatalogTables } from '../catalog-tables.js';
import { searchTable } from '../catalog-search.js';
import { notFoundError } from '../../errors/not-found-error.js';
import type { ImageRepository, ImagePublication } from '../image-repository.js';
import type { RecordSchema } from '../field-errors.js';
import { invalidFields } from '../invalid-fields.js';
import { fromAmi, toAmi } from '../routes/ami-names.js';
import { addImageBody, imageIdParams, imageQuery, updateImageBody } from '../routes/image-schemas.js';
import { addSwTagBody, swTagQuery, updateSwTagBody } from '../routes/swtag-schemas.js';
import type { Actor } from '../../service/auth/actor.js';
import type { SwTagFields } from '../swtag-fields.js';
import type { SwTagRepository } from '../swtag-repository.js';
import type { AmiCommand } from './parse-ami-command.js';
import { amiError } from './parse-ami-command.js';
import type { AmiRowset } from './ami-rowset.js';

export interface AmiContext {
  db: Kysely<CatalogTables>;
  swtags: SwTagRepository;
  images: ImageRepository;
  actor: Actor;
}

/** Arguments that say who is asking (pyAMI sends its credentials in the command text), never a record's field. */
const CREDENTIALS = ['AMIUSER', 'AMIPASS'];

/**
 * AMI's commands over the catalog, with AMI's names and semantics; every result is a list of rowsets. Records and
 * searches are checked against the REST routes' schemas: AMI accepts exactly what REST accepts.
 */
export async function runAmiCommand(command: AmiCommand, context: AmiContext): Promise<AmiRowset[]> {
  const arg = (...names: string[]) =>
    names.map((name) => command.args.get(name)).find((value) => value !== undefined);
  const required = (...names: string[]) => {
    const value = arg(...names);
    if (value === undefined || value === '') throw amiError(`${command.name} needs -${names.join(' or -')}`);
    return value;
  };
  /** The arguments with AMI's upper-case names, without credentials and the ones that say which record. */
  const upper = (...addressing: string[]) =>
    Object.fromEntries(
      [...command.args]
        .map(([key, value]) => [key.toUpperCase(), value] as const)
        .filter(([key]) => !CREDENTIALS.includes(key) && !addressing.includes(key)),
    );
  const checked = <T extends Record<string, unknown>>(schema: RecordSchema, values: T): T => {
    const invalid = invalidFields(schema, values, 'AMI command', '-');
    if (invalid) throw amiError(`${command.name}: ${invalid.description}`);
    return values;
  };
  const swtag = (tagname: string) =>
    context.swtags
      .get(tagname)
      .then((tag) => (tag ? tag : Promise.reject(notFoundError(`SW-Tag ${tagname}`, { subject: tagname }))));
  const imageId = () => checked(imageIdParams, { id: required('id', 'ID') as unknown }).id as number;
  switch (command.name) {
    case 'GetSWTagInfo':
    case 'GetAMITagInfo':
      return [{ type: 'SWTAG', rows: [toAmi(await swtag(required('swTag', 'amiTag', 'tagName')))] }];
    case 'AddSWTag': {
      const fields = fromAmi(checked(addSwTagBody, upper()));
      return [
        {
          type: 'SWTAG',
          rows: [toAmi((await context.swtags.add(fields as unknown as SwTagFields, context.actor)).tag)],
        },
      ];
    }
    case 'UpdateSWTag': {
      const tagname = required('tagName', 'swTag');
      const changes = fromAmi(checked(updateSwTagBody, upper('TAGNAME', 'SWTAG')));
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
      if (!image) throw notFoundError(`image ${id}`, { subject: 'AMI command' });
      return [{ type: 'IMAGE', rows: [toAmi(image)] }];
    }
    case 'AddImage': {
      const publication = fromAmi(checked(addImageBody, upper()));
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
    case 'UpdateImage': {
      const id = imageId();
      const { HASHDIGEST, ...rest } = upper('ID');
      const { HASH_DIGEST } = checked(updateImageBody, {
        ...rest,
        ...(HASHDIGEST === undefined ? {} : { HASH_DIGEST: HASHDIGEST }),
      });
      return [
        {
          type: 'IMAGE',
          rows: [
            toAmi(await context.images.update(id, { hash_digest: HASH_DIGEST as string }, context.actor)),
          ],
        },
      ];
    }
    case 'DellImage':
      return [{ type: 'IMAGE', rows: [toAmi(await context.images.delete(imageId(), context.actor))] }];
    case 'SearchSWTags':
    case 'ListSWTags':
      return [await search(context, 'swtag', 'SWTAG', checked(AMI_SWTAG_QUERY, upper()))];
    case 'SearchImages':
    case 'ListImages':
      return [await search(context, 'image', 'IMAGE', checked(AMI_IMAGE_QUERY, upper()))];
    default:
      throw amiError(
        `unknown command ${command.name} (GetSWTagInfo, GetAMITagInfo, AddSWTag, UpdateSWTag, GetImageInfo, AddImage, UpdateImage, DellImage, ListImagesForSWTag, SearchSWTags, SearchImages)`,
      );
  }
}

/** REST's search schema with the page as AMI writes every argument: LIMIT and OFFSET. */
function amiQuery(query: { properties: Record<string, unknown> }) {
  const { limit, offset, ...fields } = query.properties;
  return { ...query, properties: { ...fields, LIMIT: limit, OFFSET: offset } };
}
const AMI_SWTAG_QUERY = amiQuery(swTagQuery);
const AMI_IMAGE_QUERY = amiQuery(imageQuery);

async function search(
  context: AmiContext,
  table: 'swtag' | 'image',
  type: string,
  args: Record<string, unknown>,
): Promise<AmiRowset> {
  // The schema's defaults filled LIMIT and OFFSET.
  const {
    LIMIT: limit,
    OFFSET: offset,
    ...filters
  } = args as Record<string, string> & {
    LIMIT: number;
    OFFSET: number;
  };
  const { rows, total } = await searchTable(context.db, table, fromAmi(filters) as Record<string, string>, {
    limit,
    offset,
  });
  return { type, rows: rows.map(toAmi).map((row) => ({ ...row, TOTAL: total })) };
}
