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

/** AddSWTag: every identity field, COMMENT optional; nothing else (unknown fields are rejected). */
export const addSwTagBody = {
  type: 'object',
  additionalProperties: false,
  required: IDENTITY,
  properties: {
    ...Object.fromEntries(IDENTITY.map((field) => [field, { ...text, minLength: 1 }])),
    COMMENT: text,
  },
} as const;

/** UpdateSWTag: any subset of the descriptive fields. */
export const updateSwTagBody = {
  type: 'object',
  additionalProperties: false,
  minProperties: 1,
  properties: {
    ...Object.fromEntries(IDENTITY.map((field) => [field, { ...text, minLength: 1 }])),
    COMMENT: text,
  },
} as const;

/** Search: any field as an exact match, and a page. */
export const swTagQuery = {
  type: 'object',
  additionalProperties: false,
  properties: {
    ...Object.fromEntries(
      SWTAG_FIELDS.map((field) => [
        field,
        field === 'ID' || field === 'TAGNUMBER' ? { type: 'integer' } : text,
      ]),
    ),
    limit: { type: 'integer', minimum: 1, maximum: 1000, default: 100 },
    offset: { type: 'integer', minimum: 0, default: 0 },
  },
} as const;

export const tagNameParams = {
  type: 'object',
  required: ['tagName'],
  properties: { tagName: { type: 'string', pattern: '^sw[0-9]+$' } },
} as const;
