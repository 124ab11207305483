import * as Type from '../../service/schemas/type.js';
import { CATALOG_FIELD_GRAMMAR as GRAMMAR, PAGE_PROPERTIES } from '../catalog-field-grammar.js';
import { SWTAG_IDENTITY } from '../swtag-fields.js';
import { SWTAG_FIELDS } from './ami-names.js';
import { fieldProperties } from './field-properties.js';
import { searchProperties } from './search-properties.js';

const IDENTITY = SWTAG_IDENTITY.map((field) => field.toUpperCase() as Uppercase<typeof field>);

export const swTagSchema = {
  $id: 'SwTag',
  type: 'object',
  properties: Object.fromEntries(
    SWTAG_FIELDS.map((field) => [
      field,
      field === 'ID' || field === 'TAGNUMBER' ? { type: 'integer' } : { type: 'string' },
    ]),
  ),
} as const;

/** AddSWTag: every identity field, COMMENT optional; nothing else (unknown fields are rejected). */
export const addSwTagBody = Type.Object(
  { ...fieldProperties(IDENTITY, () => GRAMMAR.IDENTITY), COMMENT: Type.Optional(GRAMMAR.COMMENT) },
  { additionalProperties: false },
);

/** UpdateSWTag: any subset of the descriptive fields. */
export const updateSwTagBody = Type.Object(
  {
    ...fieldProperties(IDENTITY, () => Type.Optional(GRAMMAR.IDENTITY)),
    COMMENT: Type.Optional(GRAMMAR.COMMENT),
  },
  { additionalProperties: false, minProperties: 1 },
);

/** Search: any field as an exact match, and a page. */
export const swTagQuery = Type.Object(
  { ...searchProperties(SWTAG_FIELDS, ['ID', 'TAGNUMBER']), ...PAGE_PROPERTIES },
  { additionalProperties: false },
);

export const tagNameParams = Type.Object({ tagName: GRAMMAR.REPOSITORY_SWTAG });
