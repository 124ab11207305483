import { inputError } from '../errors/stackhook-error.js';
import {
  PREVIOUS_BUILD_SOURCES,
  type PreviousBuildSourceName,
} from '../pipeline/previous-build/previous-build-sources.js';

/** `--previous-from out,wiki,registry`, checked (exit 2 naming the option). */
export function previousFromOption(text: string): PreviousBuildSourceName[] {
  const sources = text.split(',').filter(Boolean);
  const unknown = sources.find((source) => !(PREVIOUS_BUILD_SOURCES as readonly string[]).includes(source));
  if (unknown)
    throw inputError(`unknown source "${unknown}" (${PREVIOUS_BUILD_SOURCES.join(', ')})`, '--previous-from');
  return sources as PreviousBuildSourceName[];
}
