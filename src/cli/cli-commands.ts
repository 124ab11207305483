import { amiCommand } from './ami.js';
import { catalogCommand } from './catalog.js';
import type { CommandFactory } from './add-commands.js';
import { doctorCommand } from './doctor.js';
import { hookCommand } from './hook.js';
import { mergeCommand } from './merge.js';
import { planCommand } from './plan.js';
import { publishCommand } from './publish.js';
import { pushCommand } from './push.js';
import { registerCommand } from './register.js';
import { serveCommand } from './serve.js';
import { walkCommand } from './walk.js';

/** The CLI's commands, in the order `stackhook --help` lists them. */
export const CLI_COMMANDS: readonly CommandFactory[] = [
  hookCommand,
  doctorCommand,
  publishCommand,
  walkCommand,
  planCommand,
  registerCommand,
  pushCommand,
  mergeCommand,
  serveCommand,
  amiCommand,
  catalogCommand,
];
