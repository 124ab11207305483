import { StackhookError } from '../errors/stackhook-error.js';

export const ACTION_COMMANDS = ['hook', 'walk', 'plan', 'push', 'merge', 'register', 'publish'] as const;
export type ActionCommand = (typeof ACTION_COMMANDS)[number];

/** The Action's inputs, checked; every problem names the input. */
export interface ActionInputs {
  command: ActionCommand;
  hierarchy: string;
  images: string[];
  registries: string[];
  owner: string | undefined;
  username: string | undefined;
  password: string | undefined;
  authFile: string | undefined;
  platform: string | undefined;
  /** undefined when not given: the default variant (merge: every variant the builds left). */
  variant: string | undefined;
  /** Resolved from `auto`: push, except for pull requests (as docker/metadata-action users expect). */
  push: boolean;
  /** hook and walk run the images' tests (false: `--no-test`). */
  test: boolean;
  jobs: number | undefined;
  parentsFrom: 'build' | 'registry';
  catalogUrl: string | undefined;
  catalogToken: string | undefined;
  wikiRepo: string | undefined;
  wikiToken: string | undefined;
  out: string;
}

const bad = (input: string, description: string) =>
  new StackhookError({ kind: 'input', description, subject: `input "${input}"` });

/** A list input: one value per line, or separated by commas or spaces. */
function list(text: string): string[] {
  return text.split(/[\s,]+/).filter(Boolean);
}

/**
 * Reads the inputs through `getInput` (@actions/core's) and the event (`GITHUB_EVENT_NAME`): values are only
 * ever passed on as arguments, never into a shell.
 */
export function readActionInputs(getInput: (name: string) => string, eventName: string): ActionInputs {
  const text = (name: string) => getInput(name).trim() || undefined;
  const command = text('command') ?? 'hook';
  if (!(ACTION_COMMANDS as readonly string[]).includes(command))
    throw bad('command', `"${command}" is not one of ${ACTION_COMMANDS.join(', ')}`);
  const pushText = text('push') ?? 'auto';
  if (!['true', 'false', 'auto'].includes(pushText))
    throw bad('push', `"${pushText}" is not true, false or auto`);
  const testText = text('test') ?? 'true';
  if (!['true', 'false'].includes(testText)) throw bad('test', `"${testText}" is not true or false`);
  const jobsText = text('jobs');
  const jobs = jobsText === undefined ? undefined : Number(jobsText);
  if (jobs !== undefined && (!Number.isInteger(jobs) || jobs < 1))
    throw bad('jobs', `"${jobsText}" is not a number of jobs`);
  const parentsFrom = text('parents-from') ?? 'build';
  if (parentsFrom !== 'build' && parentsFrom !== 'registry')
    throw bad('parents-from', `"${parentsFrom}" is not build or registry`);
  const username = text('username');
  const password = text('password');
  if ((username === undefined) !== (password === undefined))
    throw bad(username === undefined ? 'username' : 'password', 'username and password go together');
  const images = list(getInput('images'));
  // Image names are OCI repository components: never an option (`-x`), never anything a shell would read.
  const odd = images.find((image) => !/^[a-z0-9]+(?:[._-][a-z0-9]+)*$/.test(image));
  if (odd !== undefined) throw bad('images', `"${odd}" is not an image name`);
  const owner = text('owner');
  if (['push', 'merge', 'register'].includes(command) && images.length === 0)
    throw bad('images', `${command} needs the images to ${command}`);
  if (command === 'publish' && text('wiki-repo') === undefined)
    throw bad('wiki-repo', 'publish needs the wiki: owner/name (its GitHub wiki), a git URL or a path');
  return {
    command: command as ActionCommand,
    hierarchy: text('hierarchy') ?? 'hierarchy/stacks.yaml',
    images,
    // The owner input also applies to registries given without one (`ghcr.io` → `ghcr.io/<owner>`).
    registries: list(getInput('registries')).map((registry) =>
      owner && !registry.includes('/') ? `${registry}/${owner}` : registry,
    ),
    owner,
    username,
    password,
    authFile: text('auth-file'),
    platform: text('platform'),
    variant: text('variant'),
    push:
      pushText === 'auto'
        ? eventName !== 'pull_request' && eventName !== 'pull_request_target'
        : pushText === 'true',
    test: testText === 'true',
    jobs,
    parentsFrom,
    catalogUrl: text('catalog-url'),
    catalogToken: text('catalog-token'),
    wikiRepo: text('wiki-repo'),
    wikiToken: text('wiki-token'),
    out: text('out') ?? '.stackhook/out',
  };
}
