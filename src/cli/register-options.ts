import type { Command } from 'commander';

export interface RegisterOptions {
  register: boolean;
  catalog?: string;
}

export function addRegisterOptions(command: Command): Command {
  return command
    .option(
      '--register',
      'push, then register each image in the SW-Tag catalog and push <swtag>-<counter> (needs swtag: in the hierarchy)',
      false,
    )
    .option(
      '--catalog <url|file>',
      'with --register: a catalog service (key in STACKHOOK_CATALOG_KEY) or database (default: STACKHOOK_CATALOG, the hierarchy’s catalog:, .stackhook/service.sqlite)',
    );
}
