import type { Command } from 'commander';
import { inputError } from '../errors/stackhook-error.js';
import type { VariantChoice } from '../hierarchy/variant-choice.js';
import { collect } from './collect.js';

export interface VariantCliOptions {
  variant: string[];
  /** false with `--no-variants`. */
  variants: boolean;
}

/** `--variant <name>` (repeatable) and `--no-variants`, as plan and walk declare them: every variant by default. */
export function addVariantOptions(command: Command): Command {
  return command
    .option(
      '--variant <name>',
      "build only this one of the images' variants: (repeatable; default: every variant)",
      collect,
      [],
    )
    .option('--no-variants', "build only the images' default variants");
}

/** The variants chosen: every one, none (`--no-variants`) or those named; both together are refused (exit 2). */
export function variantChoice(options: VariantCliOptions): VariantChoice {
  if (!options.variants && options.variant.length > 0)
    throw inputError('--variant and --no-variants contradict each other', '--no-variants');
  if (!options.variants) return [];
  return options.variant.length > 0 ? options.variant : undefined;
}
