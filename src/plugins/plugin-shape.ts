import { inputError } from '../errors/stackhook-error.js';
import type { ManifestPiece } from '../probe/manifest-piece.js';
import type { Tagger } from '../probe/tagger.js';

type Shape = Record<string, unknown>;

/**
 * Checks that a plugin's export is a tagger or manifest piece (an object with commands and the function),
 * or a factory returning one from the `options` in stacks.yaml. Names the file and what is wrong.
 */
export function asPlugin<T extends Tagger | ManifestPiece>(
  exported: unknown,
  kind: 'tagger' | 'manifest piece',
  name: string,
  file: string,
  subject: string,
  options: Readonly<Record<string, unknown>> = {},
): T {
  const fail = (problem: string): never =>
    inputError(`plugin module ${file} does not export a ${kind}: ${problem}`, subject) as never;
  const candidate = (
    typeof exported === 'function' ? callFactory(exported, options, fail) : exported
  ) as Shape;
  if (candidate === null || typeof candidate !== 'object') throw fail(`got ${typeof candidate}`);
  const method = kind === 'tagger' ? 'value' : 'markdown';
  if (typeof candidate[method] !== 'function') throw fail(`"${method}" must be a function`);
  const commands = candidate.commands ?? [];
  const argvList = Array.isArray(commands) ? (commands as unknown[]) : undefined;
  const valid = argvList?.every(
    (argv) =>
      Array.isArray(argv) &&
      argv.length > 0 &&
      argv.every((arg) => typeof arg === 'string' && arg.length > 0),
  );
  if (!valid) throw fail('"commands" must be a list of argv lists of non-empty strings');
  // Bound, so that class instances (methods on the prototype) work as well as plain objects.
  const run = (candidate[method] as (...args: unknown[]) => unknown).bind(candidate);
  return {
    name,
    commands: argvList,
    allowFailure: candidate.allowFailure === true,
    [method]: run,
  } as unknown as T;
}

/** A factory export, called with the options; what it throws or a promise it returns names the file too. */
function callFactory(
  factory: unknown,
  options: Readonly<Record<string, unknown>>,
  fail: (problem: string) => Error,
): unknown {
  let made: unknown;
  try {
    made = (factory as (options: unknown) => unknown)(options);
  } catch (error) {
    throw fail(`its factory threw: ${String((error as Error)?.message ?? error).split('\n')[0]}`);
  }
  // A thenable, not `instanceof Promise`: the plugin may come from another realm.
  if (typeof (made as { then?: unknown } | undefined)?.then === 'function')
    throw fail('its factory returned a Promise: export the object, or a function returning it');
  return made;
}
