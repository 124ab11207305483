import { ARCHITECTURE, GIT_TAG, NAME } from './build-names.js';

const componentFields = {
  component: { type: 'string', pattern: NAME },
  tag: { type: 'string', pattern: GIT_TAG },
  architecture: ARCHITECTURE,
} as const;

const gitUrl = { type: 'string', minLength: 1, maxLength: 2048, pattern: '^[a-z][a-z0-9+.-]*://' } as const;

export const buildComponentBody = {
  type: 'object',
  additionalProperties: false,
  required: ['git_url', 'component', 'tag', 'architecture'],
  properties: { ...componentFields, git_url: gitUrl },
} as const;

export const getComponentQuery = {
  type: 'object',
  additionalProperties: false,
  required: ['component', 'tag', 'architecture'],
  properties: { ...componentFields, git_url: gitUrl },
} as const;

/** A job's id in the path: the same shape as IMS's ids. */
export { idParams as jobParams } from '../../ims/routes/recipe-schemas.js';
