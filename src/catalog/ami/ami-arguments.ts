import { IMAGE_FIELDS, SWTAG_FIELDS } from '../routes/ami-names.js';
import type { AmiCommand } from './parse-ami-command.js';
import { amiError } from './parse-ami-command.js';

/** A spelling folded for lookup: AMI's arguments are case-insensitive, and `-REPOSITORY_USER` is `-repositoryUser`. */
export const fold = (name: string): string => name.toLowerCase().replace(/_/g, '');

/** How the SW-Tag document spells each field's argument (what errors show), where it differs from the column. */
const SEED_SPELLINGS: Record<string, string> = {
  ID: 'id',
  TAGTYPE: 'tagType',
  TAGNUMBER: 'tagNumber',
  TAGNAME: 'tagName',
  IMAGETYPE: 'imageType',
  IMAGEARCH: 'imageArch',
  IMAGEPLATFORM: 'imagePlatform',
  IMAGECOMPILER: 'imageCompiler',
  PRODSTEP: 'prodstep',
  SWRELEASE: 'swRelease',
  DBRELEASE: 'dbRelease',
  DISTSWRELEASE: 'distRelease',
  VERSION: 'version',
  COMMENT: 'comment',
  REGISTRY: 'registry',
  REPOSITORY_USER: 'repositoryUser',
  REPOSITORY_NAME: 'repositoryName',
  REPOSITORY_SWTAG: 'repositorySWTag',
  REPOSITORY_COUNTER: 'repositoryCounter',
  HASH_DIGEST: 'hashDigest',
};

/** Every folded spelling an argument may have, to the field (column name) it gives. */
const FIELD_BY_SPELLING: Record<string, string> = {
  ...Object.fromEntries([...SWTAG_FIELDS, ...IMAGE_FIELDS].map((field) => [fold(field), field])),
  ...Object.fromEntries(Object.entries(SEED_SPELLINGS).map(([field, spelling]) => [fold(spelling), field])),
  // The SW-Tag document's other names: -distRelease above, and the SW-Tag a command is about.
  swtag: 'TAGNAME',
  amitag: 'TAGNAME',
  limit: 'LIMIT',
  offset: 'OFFSET',
  amilogin: 'AMILOGIN',
};

/** How an error names a field: the document's spelling, or the SW-Tag's three names. */
export function argumentName(field: string): string {
  if (field === 'TAGNAME') return '-swTag (or -amiTag, -tagName)';
  return `-${SEED_SPELLINGS[field] ?? field}`;
}

/** A command's arguments by field, with the spelling each was given in. */
export interface AmiArguments {
  values: Record<string, string>;
  spellings: Record<string, string>;
}

/**
 * The arguments of `command` by the field each gives, any spelling of the document's or a column's, in any case.
 * One the command does not take, or two that give one field, are an error naming the arguments it takes.
 */
export function readArguments(command: AmiCommand, takes: readonly string[]): AmiArguments {
  const values: Record<string, string> = {};
  const spellings: Record<string, string> = {};
  for (const [name, value] of command.args) {
    const field = FIELD_BY_SPELLING[fold(name)];
    if (field === undefined || !takes.includes(field)) {
      const taken = takes.map(argumentName).join(', ');
      throw amiError(
        `${command.name}: -${name} is not a field ${command.name} takes (it takes ${taken || 'no argument'})`,
      );
    }
    if (spellings[field] !== undefined)
      throw amiError(`${command.name}: -${spellings[field]} and -${name} both give ${field}: give it once`);
    values[field] = value;
    spellings[field] = name;
  }
  return { values, spellings };
}
