import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { inputError } from '../../errors/stackhook-error.js';
import { isRegularFile } from '../../fs/is-regular-file.js';
import { applyKiwiTemplate } from './kiwi-template.js';
import { kiwiRepositories, type KiwiRepository } from './kiwi-repositories.js';

/** A recipe's kiwi description: which file kiwi will read, its text with the template applied, its repositories. */
export interface KiwiDescription {
  /** The file's name at the archive's top (config.xml or a .kiwi file). */
  file: string;
  text: string;
  repositories: KiwiRepository[];
}

const MOST_BYTES = 1_048_576;

/**
 * The description kiwi-ng reads in `recipeDir`, chosen as kiwi chooses: config.xml, else the one `*.kiwi`
 * file. It must be a regular file (a link could make this service read a file of its own machine).
 */
export async function readKiwiDescription(
  recipeDir: string,
  dictionary: readonly { key: string; value: string }[],
  subject: string,
): Promise<KiwiDescription> {
  const names = await readdir(recipeDir);
  const kiwiFiles = names.filter((name) => name.endsWith('.kiwi')).sort();
  const file = names.includes('config.xml') ? 'config.xml' : kiwiFiles[0];
  if (!file) throw inputError('the recipe archive has no config.xml or config.kiwi at its top', subject);
  if (file !== 'config.xml' && kiwiFiles.length > 1)
    throw inputError(`the recipe archive has more than one .kiwi file (${kiwiFiles.join(', ')})`, subject);
  const full = path.join(recipeDir, file);
  if (!(await isRegularFile(full)))
    throw inputError(`${file} in the recipe archive is not a regular file`, subject);
  const bytes = await readFile(full);
  if (bytes.length > MOST_BYTES) throw inputError(`${file} is larger than ${MOST_BYTES} bytes`, subject);
  const text = applyKiwiTemplate(bytes.toString('utf8'), dictionary, `${subject} ${file}`);
  return { file, text, repositories: kiwiRepositories(text) };
}
