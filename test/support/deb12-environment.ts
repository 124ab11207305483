import { mkdtemp, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { hostPlatform, ociPlatform } from '../../src/hierarchy/platform.js';
import { testBaseImage, testEngine } from './test-engine.js';

/** The Debian build environment the build API tests declare (nothing can be pulled here). */
export const ENV_IMAGE = 'localhost/deb12-env:latest';

/**
 * Makes the `deb12` environment's image (the test base image with a mark in /etc/build-env) and a build-envs
 * file in `dir` declaring it, as an operator writes one; returns the file's path.
 */
export async function deb12Environment(dir: string): Promise<string> {
  const envDir = await mkdtemp(path.join(dir, 'env-'));
  await writeFile(
    path.join(envDir, 'Containerfile'),
    `FROM ${testBaseImage()}\nRUN echo deb12 > /etc/build-env\n`,
  );
  await testEngine().build({
    subject: 'deb12-env',
    contextDir: envDir,
    dockerfile: path.join(envDir, 'Containerfile'),
    tag: ENV_IMAGE,
    buildArgs: {},
    labels: {},
    platform: ociPlatform(hostPlatform()),
  });
  const file = path.join(dir, 'build-envs.yaml');
  await writeFile(
    file,
    `deb12:\n  image: ${ENV_IMAGE}\n  platform: linux/${hostPlatform() === 'x86_64' ? 'amd64' : 'arm64'}\n`,
  );
  return file;
}
