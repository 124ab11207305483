import path from 'node:path';
import { stat } from 'node:fs/promises';
import type { StacksFile } from './stacks-schema.js';
import { templateProblem } from './template-problem.js';

export interface DefinitionProblem {
  path: PropertyKey[];
  message: string;
}

/**
 * What the schema can't see in user-defined taggers and manifest pieces: a name taken by a built-in, a
 * regex that does not compile, a template naming a group the regex lacks, a module file that is missing.
 */
export async function checkDefinitions(
  stacks: StacksFile,
  rootDir: string,
  builtins: { taggers: ReadonlySet<string>; manifests: ReadonlySet<string> },
): Promise<DefinitionProblem[]> {
  const problems: DefinitionProblem[] = [];
  const checkModule = async (at: PropertyKey[], module: string | undefined) => {
    if (module === undefined) return;
    const file = path.resolve(rootDir, module);
    if (!(await stat(file).catch(() => undefined))?.isFile())
      problems.push({ path: [...at, 'module'], message: `plugin module ${file} is missing` });
  };
  for (const [name, definition] of Object.entries(stacks.taggers)) {
    const at = ['taggers', name];
    if (builtins.taggers.has(name))
      problems.push({ path: at, message: `"${name}" is a built-in tagger: choose another name` });
    if (definition.regex !== undefined) {
      let regex: RegExp | undefined;
      try {
        regex = new RegExp(definition.regex, 'm');
      } catch (error) {
        problems.push({ path: [...at, 'regex'], message: `invalid regex: ${(error as Error).message}` });
      }
      const problem = regex && templateProblem(definition.template ?? '{0}', regex);
      if (problem) problems.push({ path: [...at, 'template'], message: problem });
    }
    await checkModule(at, definition.module);
  }
  for (const [name, definition] of Object.entries(stacks.manifests)) {
    const at = ['manifests', name];
    if (builtins.manifests.has(name))
      problems.push({ path: at, message: `"${name}" is a built-in manifest piece: choose another name` });
    await checkModule(at, definition.module);
  }
  return problems;
}
