import type { HookOptions } from '../commands/hook.js';
import type { MergeOptions } from '../commands/merge.js';
import type { PlanOptions } from '../commands/plan.js';
import type { PublishOptions } from '../commands/publish.js';
import type { PushOptions } from '../commands/push.js';
import type { RegisterOptions } from '../commands/register.js';
import type { RegistryCredentials } from '../commands/registry-credentials.js';
import type { WalkOptions } from '../commands/walk.js';
import { DEFAULT_VARIANT } from '../hierarchy/hierarchy.js';
import { requirePlatform } from '../hierarchy/platform.js';
import { wikiToken } from '../wiki/git-auth-env.js';
import { DEFAULT_KEEP } from '../wiki/retention.js';
import type { ActionInputs } from './action-inputs.js';
import { isGitHubRepositoryName } from './github-repository-name.js';

/** One command the Action runs, with its typed options (the CLI's commands, called in-process). */
export type ActionCall =
  | { command: 'plan'; options: PlanOptions }
  | { command: 'hook'; options: HookOptions }
  | { command: 'walk'; options: WalkOptions }
  | { command: 'push'; options: PushOptions }
  | { command: 'merge'; options: MergeOptions }
  | { command: 'register'; options: RegisterOptions }
  | { command: 'publish'; options: PublishOptions };

/** `owner/name` is a GitHub wiki; anything else (a URL, a path) is used as it is. */
export function wikiLocation(wikiRepo: string): string {
  return isGitHubRepositoryName(wikiRepo) ? `https://github.com/${wikiRepo}.wiki.git` : wikiRepo;
}

/**
 * The commands an Action run is made of, in order, from its inputs. hook and walk push (and, with a catalog,
 * register) themselves. The username and password go to the commands as credentials (a temporary auth file
 * is made from them), the catalog and wiki tokens as their options: never an argument, never the environment.
 */
export function actionCalls(inputs: ActionInputs): ActionCall[] {
  const { hierarchy, out } = inputs;
  const variant = inputs.variant ?? DEFAULT_VARIANT;
  const platform = requirePlatform(inputs.platform, 'input "platform"');
  const credentials: RegistryCredentials = {
    authFile: inputs.authFile,
    login:
      inputs.username !== undefined && inputs.password !== undefined
        ? { username: inputs.username, password: inputs.password }
        : undefined,
  };
  const catalog = inputs.catalogUrl ? { catalog: inputs.catalogUrl, key: inputs.catalogToken } : undefined;
  const register = inputs.push ? catalog : undefined;
  const pushTo = inputs.registries;
  switch (inputs.command) {
    case 'plan':
      return [
        {
          command: 'plan',
          options: { hierarchy, images: inputs.images, platforms: inputs.platform ? [platform] : [] },
        },
      ];
    case 'walk':
      return [
        {
          command: 'walk',
          options: {
            hierarchy,
            images: inputs.images,
            platform,
            out,
            jobs: inputs.jobs,
            test: inputs.test,
            push: inputs.push,
            pushTo,
            register,
            credentials,
          },
        },
      ];
    case 'hook':
      return inputs.images.map((image) => ({
        command: 'hook',
        options: {
          hierarchy,
          owner: inputs.owner,
          image,
          platform,
          variant,
          out,
          build: true,
          test: inputs.test,
          parentsFrom: inputs.parentsFrom,
          push: inputs.push,
          pushTo,
          register,
          credentials,
        },
      }));
    case 'push':
      return inputs.images.map((image) => ({
        command: 'push',
        options: { hierarchy, image, platform, variant, out, pushTo, credentials },
      }));
    case 'merge':
      return inputs.images.map((image) => ({
        command: 'merge',
        // Without a variant input, every variant the build jobs left (the fan-out's last job).
        options: {
          hierarchy,
          image,
          variant,
          allVariants: inputs.variant === undefined,
          out,
          pushTo,
          allowMissing: false,
          credentials,
        },
      }));
    case 'register':
      return [
        {
          command: 'register',
          options: { hierarchy, images: inputs.images, platform, variant, out, ...catalog, credentials },
        },
      ];
    case 'publish':
      return [
        {
          command: 'publish',
          options: {
            wiki: wikiLocation(inputs.wikiRepo ?? ''),
            out,
            keep: DEFAULT_KEEP,
            allowNoFiles: false,
            token: inputs.wikiToken ?? wikiToken(),
          },
        },
      ];
  }
}
