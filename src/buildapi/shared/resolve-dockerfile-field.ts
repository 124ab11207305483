import { inputError } from '../../errors/stackhook-error.js';
import { DOCKERFILE_NAME, readSharedDockerfile } from './shared-dockerfile.js';
import type { SharedRoot } from './shared-root.js';

/**
 * POST /image's `dockerfile`: its text (with `component` and `branch` given), or, as one word, the name of a
 * Dockerfile in `<shared root>/dockerfiles/` (readSharedDockerfile). A Dockerfile's text always holds a space.
 */
export async function resolveDockerfileField(
  root: SharedRoot | undefined,
  body: { dockerfile: string; architecture: string; component?: string; branch?: string },
): Promise<{ dockerfile: string; component: string; branch: string }> {
  if (/\s/.test(body.dockerfile)) {
    if (!body.component || !body.branch)
      throw inputError(
        `${body.component ? 'branch' : 'component'}: give component and branch with a Dockerfile’s text`,
        body.component ? 'branch' : 'component',
      );
    return { dockerfile: body.dockerfile, component: body.component, branch: body.branch };
  }
  if (!DOCKERFILE_NAME.test(body.dockerfile))
    throw inputError(
      'dockerfile: a Dockerfile’s name is one file of <shared root>/dockerfiles/: letters, digits, . _ - (no /, no ..)',
      'dockerfile',
    );
  return readSharedDockerfile(root, body);
}
