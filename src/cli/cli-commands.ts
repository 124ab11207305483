import type { CommandFactory } from './add-commands.js';

/**
 * One CLI command as `stackhook --help` lists it, and how to load it. Only the command that runs is loaded (each
 * pulls in its own dependencies: fastify, the AWS SDK, kysely...); the others are listed from these lines, which
 * cli-commands.test.ts keeps equal to what each command declares.
 */
export interface CliCommand {
  name: string;
  /** What follows the name in the command list (commander's `[options] <image>`). */
  usage: string;
  description: string;
  load: () => Promise<CommandFactory>;
}

/** The CLI's commands, in the order `stackhook --help` lists them. */
export const CLI_COMMANDS: readonly CliCommand[] = [
  {
    name: 'hook',
    usage: '[options] <image>',
    description:
      'build an image (and any missing or stale parent), test it, probe it, tag it and write its manifest',
    load: async () => (await import('./hook.js')).hookCommand,
  },
  {
    name: 'doctor',
    usage: '[options]',
    description: 'show what stackhook found on this machine and the exact fix for anything missing',
    load: async () => (await import('./doctor.js')).doctorCommand,
  },
  {
    name: 'publish',
    usage: '[options]',
    description: "publish the out folder's build manifests and history lines to a wiki git repository",
    load: async () => (await import('./publish.js')).publishCommand,
  },
  {
    name: 'walk',
    usage: '[options] [image...]',
    description:
      'build, test, probe and tag the whole hierarchy (or the named subtrees), parents first, in parallel',
    load: async () => (await import('./walk.js')).walkCommand,
  },
  {
    name: 'plan',
    usage: '[options] [image...]',
    description: 'the build order by level and a GitHub Actions matrix per level (for fanning a stack out)',
    load: async () => (await import('./plan.js')).planCommand,
  },
  {
    name: 'register',
    usage: '[options] <image...>',
    description:
      'register a pushed image in the SW-Tag catalog, from the records hook/walk/push left in --out',
    load: async () => (await import('./register.js')).registerCommand,
  },
  {
    name: 'push',
    usage: '[options] <image>',
    description: 'push every tag of a built image (from its record) to the registries',
    load: async () => (await import('./push.js')).pushCommand,
  },
  {
    name: 'merge',
    usage: '[options] <image>',
    description: "join an image's per-platform tags in the registry into manifest lists (OCI indexes)",
    load: async () => (await import('./merge.js')).mergeCommand,
  },
  {
    name: 'serve',
    usage: '[options]',
    description:
      'run the services: the SW-Tag catalog (web pages at /, REST at /api/v1, AMI at POST /ami/command), ' +
      'image management (Cray IMS v3 at /ims/v3) and the build API (/build/image, ' +
      '/build/component, /build/jobs); OpenAPI at /openapi.json',
    load: async () => (await import('./serve.js')).serveCommand,
  },
  {
    name: 'ami',
    usage: '[words...]',
    description:
      'run an AMI command against a catalog, as pyAMI\'s `ami` does: stackhook ami [-e url] [-f format] cmd GetSWTagInfo -swTag="sw1"',
    load: async () => (await import('./ami.js')).amiCommand,
  },
  {
    name: 'catalog',
    usage: '',
    description: 'manage the SW-Tag catalog',
    load: async () => (await import('./catalog.js')).catalogCommand,
  },
];
