import type { Command } from 'commander';
import { PLATFORMS, requirePlatform, type Platform } from '../hierarchy/platform.js';
import { collect } from './collect.js';

const NAMES = `${Object.keys(PLATFORMS).join(' | ')} | arm64`;

/** `--platform`, as every command declares it: one (default this machine's), or repeatable (default each image's). */
export function addPlatformOption(command: Command, repeatable = false): Command {
  return repeatable
    ? command.option(
        '--platform <platform>',
        `${NAMES}; only this platform (repeatable; default: each image’s platforms:)`,
        collect,
        [],
      )
    : command.option('--platform <platform>', `${NAMES} (default: this machine's)`);
}

/** The `--platform` given (exit 2 naming the option when unknown), else this machine's. */
export function platformOption(value: string | undefined): Platform {
  return requirePlatform(value, '--platform');
}
