import type { ActionInputs } from './action-inputs.js';
import { isGitHubRepositoryName } from './github-repository-name.js';

/** One stackhook command the Action runs (in-process, as argv: never through a shell). */
export interface Invocation {
  args: string[];
}

/** `owner/name` is a GitHub wiki; anything else (a URL, a path) is used as it is. */
export function wikiLocation(wikiRepo: string): string {
  return isGitHubRepositoryName(wikiRepo) ? `https://github.com/${wikiRepo}.wiki.git` : wikiRepo;
}

/**
 * The stackhook commands an Action run is made of, in order. hook with `push` is hook, then push (then
 * register when a catalog is given); walk pushes and registers itself. `authFile` holds the registry
 * credentials (the Action writes the username and password inputs there; they never reach an argument).
 */
export function commandInvocations(inputs: ActionInputs, authFile: string | undefined): Invocation[] {
  const stack = ['--hierarchy', inputs.hierarchy];
  const out = ['--out', inputs.out];
  const platform = inputs.platform ? ['--platform', inputs.platform] : [];
  const variant = ['--variant', inputs.variant];
  const registries = inputs.registries.flatMap((registry) => ['--registry', registry]);
  const auth = authFile ? ['--authfile', authFile] : [];
  const catalog = inputs.catalogUrl ? ['--catalog', inputs.catalogUrl] : [];
  const json = ['--json'];
  switch (inputs.command) {
    case 'plan':
      return [{ args: ['plan', ...inputs.images, ...stack, ...platform, ...json] }];
    case 'walk':
      return [
        {
          args: [
            'walk',
            ...inputs.images,
            ...stack,
            ...out,
            ...platform,
            ...(inputs.jobs ? ['--jobs', String(inputs.jobs)] : []),
            '--no-progress',
            ...(inputs.push ? ['--push', ...registries, ...auth] : []),
            ...(inputs.push && inputs.catalogUrl ? ['--register', ...catalog] : []),
            ...json,
          ],
        },
      ];
    case 'hook':
      return inputs.images.flatMap((image) => [
        {
          args: [
            'hook',
            image,
            ...stack,
            ...out,
            ...platform,
            ...variant,
            ...(inputs.owner ? ['--owner', inputs.owner] : []),
            '--parents-from',
            inputs.parentsFrom,
            ...(inputs.parentsFrom === 'registry' ? auth : []),
            ...json,
          ],
        },
        ...(inputs.push
          ? [
              {
                args: [
                  'push',
                  image,
                  ...stack,
                  ...out,
                  ...platform,
                  ...variant,
                  ...registries,
                  ...auth,
                  ...json,
                ],
              },
            ]
          : []),
        ...(inputs.push && inputs.catalogUrl
          ? [
              {
                args: [
                  'register',
                  image,
                  ...stack,
                  ...out,
                  ...platform,
                  ...variant,
                  ...catalog,
                  ...auth,
                  ...json,
                ],
              },
            ]
          : []),
      ]);
    case 'push':
      return inputs.images.map((image) => ({
        args: ['push', image, ...stack, ...out, ...platform, ...variant, ...registries, ...auth, ...json],
      }));
    case 'merge':
      return inputs.images.map((image) => ({
        args: ['merge', image, ...stack, ...out, ...variant, ...registries, ...auth, ...json],
      }));
    case 'register':
      return [
        {
          args: [
            'register',
            ...inputs.images,
            ...stack,
            ...out,
            ...platform,
            ...variant,
            ...catalog,
            ...auth,
            ...json,
          ],
        },
      ];
    case 'publish':
      return [
        {
          args: [
            'publish',
            ...(inputs.wikiRepo ? ['--wiki', wikiLocation(inputs.wikiRepo)] : []),
            ...out,
            ...json,
          ],
        },
      ];
  }
}
