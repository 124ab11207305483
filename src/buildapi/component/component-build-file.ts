import { lstat, readFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { inputError } from '../../errors/stackhook-error.js';
import { YamlLocator } from '../../hierarchy/yaml-locator.js';
import { zodProblem } from '../../hierarchy/zod-problem.js';

export const BUILD_FILE = 'stackhook-build.yaml';

const insideContainer = z
  .string()
  .regex(/^\/[A-Za-z0-9._/-]*$/, 'must be an absolute path of letters, digits, . _ - and /')
  .refine((value) => value !== '/' && !value.split('/').includes('..'), 'must not be / or hold ..');

const buildFileSchema = z
  .strictObject({
    /** An image the service has (or can pull) to build in; the service's Debian image by default. */
    image: z
      .string()
      .regex(/^[a-z0-9][a-z0-9./:@_-]*$/, 'must be an image reference')
      .optional(),
    /** A Containerfile in the repository to build the builder image from, instead of `image`. */
    containerfile: z
      .string()
      .regex(/^[A-Za-z0-9._][A-Za-z0-9._/-]*$/, 'must be a relative path in the repository')
      .refine((value) => !value.split('/').includes('..'), 'must not hold ..')
      .optional(),
    /** The build, as an argv array (run in /src, the checkout, with no network). */
    command: z.array(z.string()).min(1, 'must name a program'),
    /** Where the command leaves what goes into the tarball. */
    output: insideContainer.default('/out'),
    env: z
      .record(z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'must be a variable name'), z.string())
      .default({}),
  })
  .refine((file) => !(file.image && file.containerfile), {
    message: 'give image or containerfile, not both',
    path: ['containerfile'],
  });

export type ComponentBuildFile = z.infer<typeof buildFileSchema>;

/**
 * A component repository's own build instructions: `stackhook-build.yaml` at its top. Problems name the
 * repository, the file, the line and the key.
 */
export async function readComponentBuildFile(
  checkout: string,
  repository: string,
): Promise<ComponentBuildFile> {
  const shown = `${repository}: ${BUILD_FILE}`;
  const file = path.join(checkout, BUILD_FILE);
  const stats = await lstat(file).catch(() => undefined);
  if (!stats)
    throw inputError(`the repository has no ${BUILD_FILE} at its top (see the README: build API)`, shown);
  // Not followed: a symlink could point at a file of the service's machine, whose text errors would show.
  if (!stats.isFile()) throw inputError(`${BUILD_FILE} must be a regular file, not a link`, shown);
  const text = await readFile(file, 'utf8');
  const { locator, errors } = YamlLocator.parse(text);
  if (errors[0]) throw inputError(errors[0].message, `${shown}:${errors[0].line}`);
  const parsed = buildFileSchema.safeParse(locator.toJS() ?? {});
  if (!parsed.success) {
    const problem = zodProblem(parsed.error.issues[0]!);
    const key = problem.path.map(String).join('.');
    throw inputError(problem.message, `${shown}:${locator.lineOf(problem.path)}${key ? ` ${key}` : ''}`);
  }
  return parsed.data;
}
