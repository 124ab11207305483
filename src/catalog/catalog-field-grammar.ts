import * as Type from '../service/schemas/type.js';
import { OCI_PATH_COMPONENT, OCI_REGISTRY_HOST } from '../hierarchy/oci-names.js';
import { defaulted } from './routes/defaulted.js';

// One grammar for every path that writes a catalog record (REST, AMI commands, web forms, registration, the
// repositories themselves): values end up in `podman pull` lines people copy, and in XML, CSV and text answers.

// What no stored text holds besides C0 controls: DEL and C1 controls, line and paragraph separators, bidi
// overrides (they make a value read differently from what it is), lone surrogates, and the non-characters XML 1.0
// can't carry.
const FORBIDDEN = '\\u007f-\\u009f\\u2028\\u2029\\u202a-\\u202e\\u2066-\\u2069\\ud800-\\udfff\\ufffe\\uffff';

/** An identity's first and last character: printable, not a space. */
const EDGE = `[^\\s\\u0000-\\u001f${FORBIDDEN}]`;

/** The highest id, counter, offset or number any catalog query takes (PostgreSQL's integer). */
const MAX_INTEGER = 2147483647;

/**
 * An id, a counter or a number, as a filter or a path parameter: beyond range is a 400, never a database error.
 * `options` add to it (a higher minimum, a default).
 */
export const catalogInteger = (options: { minimum?: number; default?: number } = {}) =>
  Type.Integer({ minimum: 0, maximum: MAX_INTEGER, ...options });

/** A page of a search (always there in a handler: the defaults fill in). */
export const PAGE_PROPERTIES = {
  limit: defaulted(Type.Integer({ minimum: 1, maximum: 1000, default: 100 })),
  offset: defaulted(catalogInteger({ default: 0 })),
};

/** A JSON schema per AMI field name; `description` says what a value must look like (errors quote it). */
export const CATALOG_FIELD_GRAMMAR = {
  REGISTRY: Type.String({
    maxLength: 255,
    pattern: `^${OCI_REGISTRY_HOST}$`,
    description: 'a registry host[:port], e.g. ghcr.io or 127.0.0.1:5000',
  }),
  REPOSITORY_PATH: Type.String({
    maxLength: 255,
    pattern: `^${OCI_PATH_COMPONENT}(?:/${OCI_PATH_COMPONENT})*$`,
    description:
      'an OCI repository path: lowercase letters and digits, joined by . _ __ or -, components separated by /',
  }),
  REPOSITORY_SWTAG: Type.String({
    pattern: '^sw[0-9]{1,10}$',
    description: 'a SW-Tag name, e.g. sw12',
  }),
  HASH_DIGEST: Type.String({
    pattern: '^sha256:[0-9a-f]{64}$',
    description: 'sha256: and 64 lowercase hex digits',
  }),
  /** A SW-Tag identity field: one line of printable text, not starting or ending with a space (an exact match). */
  IDENTITY: Type.String({
    minLength: 1,
    maxLength: 512,
    pattern: `^${EDGE}(?:[^\\u0000-\\u001f${FORBIDDEN}]*${EDGE})?$`,
    description:
      'one line of text without control characters, 1 to 512 characters, not starting or ending with a space',
  }),
  /** COMMENT may also hold tabs and line breaks. */
  COMMENT: Type.String({
    maxLength: 512,
    pattern: `^[^\\u0000-\\u0008\\u000b-\\u001f${FORBIDDEN}]*$`,
    description: 'text without control characters other than tab and newline (at most 512 characters)',
  }),
};
