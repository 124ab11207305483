import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import { inputError } from '../../errors/stackhook-error.js';
import { parsePlatform, PLATFORMS } from '../../hierarchy/platform.js';
import { YamlLocator } from '../../hierarchy/yaml-locator.js';
import { zodProblem } from '../../hierarchy/zod-problem.js';
import { NAME } from '../routes/build-names.js';
import { NOARCH, type BuildEnvironment } from './build-environment.js';

const reference = z.string().regex(/^[a-z0-9][a-z0-9./:@_-]*$/, 'must be an image reference');

const environmentSchema = z.strictObject({
  image: reference,
  /** x86_64, aarch64, or as OCI writes them (linux/amd64, linux/arm64); this machine's by default. */
  platform: z
    .string()
    .transform((value, context) => {
      const platform = parsePlatform(value.replace(/^linux\//, ''));
      if (!platform)
        context.addIssue({
          code: 'custom',
          message: `unknown platform "${value}" (x86_64, aarch64, linux/amd64, linux/arm64)`,
        });
      return platform ?? 'x86_64';
    })
    .optional(),
  aliases: z.array(reference).default([]),
});

const fileSchema = z.record(z.string(), environmentSchema);

const NAME_PATTERN = new RegExp(NAME);

/** Why `name` can't name an environment, or undefined. */
function nameProblem(name: string): string | undefined {
  if (name in PLATFORMS || name === NOARCH) return 'x86_64, aarch64 and noarch are taken';
  if (!NAME_PATTERN.test(name)) return 'an environment name is a lowercase name (letters, digits, . _ -)';
  return undefined;
}

/**
 * `serve --build-envs <file>`: YAML, environment name → `{image, platform?, aliases?}`. Problems name the
 * file, the line and the key.
 */
export async function readBuildEnvironments(
  file: string,
  host: BuildEnvironment['platform'],
): Promise<BuildEnvironment[]> {
  const text = await readFile(file, 'utf8').catch((error: NodeJS.ErrnoException) => {
    throw inputError(`cannot read the build environments: ${error.code ?? error.message}`, file);
  });
  const { locator, errors } = YamlLocator.parse(text);
  if (errors[0]) throw inputError(errors[0].message, `${file}:${errors[0].line}`);
  const parsed = fileSchema.safeParse(locator.toJS() ?? {});
  if (!parsed.success) {
    const problem = zodProblem(parsed.error.issues[0]!);
    throw inputError(
      problem.message,
      `${file}:${locator.lineOf(problem.path)} ${problem.path.map(String).join('.')}`,
    );
  }
  for (const name of Object.keys(parsed.data)) {
    const problem = nameProblem(name);
    if (problem) throw inputError(problem, `${file}:${locator.lineOf([name])} ${name}`);
  }
  return Object.entries(parsed.data).map(([name, environment]) => ({
    name,
    image: environment.image,
    platform: environment.platform ?? host,
    aliases: environment.aliases,
  }));
}
