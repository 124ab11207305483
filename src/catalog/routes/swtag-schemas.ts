import {
  CATALOG_FIELD_GRAMMAR as GRAMMAR,
  CATALOG_INTEGER,
  PAGE_PROPERTIES,
} from '../catalog-field-grammar.js';
import { SWTAG_IDENTITY } from '../swtag-fields.js';
import { SWTAG_FIELDS } from './ami-names.js';

const text = { type: 'string', maxLength: 512 } as const;
const IDENTITY = SWTAG_IDENTITY.map((field) => field.toUpperCase());

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

const writable = {
  ...Object.fromEntries(IDENTITY.map((field) => [field, GRAMMAR.IDENTITY])),
  COMMENT: GRAMMAR.COMMENT,
};

/** AddSWTag: every identity field, COMMENT optional; nothing else (unknown fields are rejected). */
export const addSwTagBody = {
  type: 'object',
  additionalProperties: false,
  required: IDENTITY,
  properties: writable,
} as const;

/** UpdateSWTag: any subset of the descriptive fields. */
export const updateSwTagBody = {
  type: 'object',
  additionalProperties: false,
  minProperties: 1,
  properties: writable,
} as const;

/** Search: any field as an exact match, and a page. */
export const swTagQuery = {
  type: 'object',
  additionalProperties: false,
  properties: {
    ...Object.fromEntries(
      SWTAG_FIELDS.map((field) => [field, field === 'ID' || field === 'TAGNUMBER' ? CATALOG_INTEGER : text]),
    ),
    ...PAGE_PROPERTIES,
  },
} as const;

export const tagNameParams = {
  type: 'object',
  required: ['tagName'],
  properties: { tagName: GRAMMAR.REPOSITORY_SWTAG },
} as const;
