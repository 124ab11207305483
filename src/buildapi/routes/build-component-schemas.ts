import * as Type from '../../service/schemas/type.js';
import { ARCHITECTURE, GIT_TAG, NAME } from './build-names.js';

const componentFields = {
  component: Type.String({ pattern: NAME }),
  tag: Type.String({ pattern: GIT_TAG }),
  architecture: ARCHITECTURE,
};

const gitUrl = Type.String({ minLength: 1, maxLength: 2048, pattern: '^[a-z][a-z0-9+.-]*://' });

export const buildComponentBody = Type.Object(
  { ...componentFields, git_url: gitUrl },
  // git_url first, as always: with several missing, the first listed is the one the 400 names.
  { additionalProperties: false, required: ['git_url', 'component', 'tag', 'architecture'] },
);

export const getComponentQuery = Type.Object(
  { ...componentFields, git_url: Type.Optional(gitUrl) },
  { additionalProperties: false },
);

/** A job's id in the path: the same shape as IMS's ids. */
export { idParams as jobParams } from '../../ims/routes/recipe-schemas.js';
