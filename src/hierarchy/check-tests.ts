import path from 'node:path';
import { stat } from 'node:fs/promises';
import type { DefinitionProblem } from './check-definitions.js';
import type { StacksFile } from './stacks-schema.js';
import { testTemplateProblem } from './test-command-template.js';

/**
 * What the schema can't see in images' tests: a name used twice by one image, a stdout regex that does not
 * compile, a host template with an unknown or misplaced placeholder, a test folder that is missing.
 */
export async function checkTests(stacks: StacksFile, rootDir: string): Promise<DefinitionProblem[]> {
  const problems: DefinitionProblem[] = [];
  for (const [image, entry] of Object.entries(stacks.images)) {
    const seen = new Set<string>();
    entry.tests.forEach((test, index) => {
      const at = ['images', image, 'tests', index];
      if (seen.has(test.name))
        problems.push({ path: [...at, 'name'], message: `test "${test.name}" is defined twice` });
      seen.add(test.name);
      if (test.stdout !== undefined) {
        try {
          new RegExp(test.stdout, 'm');
        } catch (error) {
          problems.push({ path: [...at, 'stdout'], message: `invalid regex: ${(error as Error).message}` });
        }
      }
      const problem = test.host && testTemplateProblem(test.host);
      if (problem) problems.push({ path: [...at, 'host', problem.index], message: problem.message });
    });
    if (entry.testDir !== undefined) {
      const dir = path.resolve(rootDir, entry.testDir);
      if (!(await stat(dir).catch(() => undefined))?.isDirectory())
        problems.push({ path: ['images', image, 'testDir'], message: `test folder ${dir} is missing` });
    }
  }
  return problems;
}
