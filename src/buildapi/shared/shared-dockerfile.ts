import { inputError } from '../../errors/stackhook-error.js';
import { NAME } from '../routes/build-names.js';
import type { SharedRoot } from './shared-root.js';

/** A Dockerfile's name in `<shared root>/dockerfiles/`: one path segment of safe characters. */
export const DOCKERFILE_NAME = /^(?!.*\.\.)[A-Za-z0-9][A-Za-z0-9._-]{0,254}$/;
const LIMIT = 65536;

/**
 * POST /image `{"dockerfile": "<name>"}` as ad-build's scripts send it: the text of
 * `<shared root>/dockerfiles/<name>`, and the component and branch, given or read from the name as their
 * scripts make it, `<component>-<branch>-<arch>`. Dashes are ambiguous there: the branch is the part after the
 * last dash (their `dev-patrick` branch of `test-ioc` reads as component `test-ioc-dev`, branch `patrick`),
 * unless the request gives `component` or `branch`; the image's name, `<component>-<branch>-image`, is the same
 * either way.
 */
export async function readSharedDockerfile(
  root: SharedRoot | undefined,
  request: { dockerfile: string; architecture: string; component?: string; branch?: string },
): Promise<{ dockerfile: string; component: string; branch: string }> {
  if (!root)
    throw inputError(
      'dockerfile: this service has no shared root (serve --shared-root): send the Dockerfile’s text',
      'dockerfile',
    );
  const name = request.dockerfile;
  const handle = (await root.openFile(`dockerfiles/${name}`, 'dockerfile', LIMIT)).handle;
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(await handle.readFile());
  } catch {
    throw inputError(`dockerfile: dockerfiles/${name} is not UTF-8 text`, 'dockerfile');
  } finally {
    await handle.close();
  }
  const suffix = `-${request.architecture}`;
  // Their backend may name the environment in capitals (RHEL7): the architecture is lowercased by then.
  const stem = name.toLowerCase().endsWith(suffix) ? name.slice(0, -suffix.length) : name;
  let { component, branch } = request;
  if (component && !branch && stem.startsWith(`${component}-`)) branch = stem.slice(component.length + 1);
  if (branch && !component && stem.endsWith(`-${branch}`)) component = stem.slice(0, -branch.length - 1);
  if (!component && !branch && stem.includes('-')) {
    component = stem.slice(0, stem.lastIndexOf('-'));
    branch = stem.slice(stem.lastIndexOf('-') + 1);
  }
  const names = new RegExp(NAME);
  if (!component || !branch || !names.test(component) || !names.test(branch))
    throw inputError(
      `dockerfile: cannot read a component and branch from the name ${name} (<component>-<branch>-${request.architecture}, lowercase): give component and branch`,
      'dockerfile',
    );
  return { dockerfile: text, component, branch };
}
