import type { ExecResult } from '../src/engine/exec-result.js';

/**
 * The version a `tool --version` printed: the last non-empty line of stdout (tools sometimes print banners or
 * warnings first), which must start with a digit.
 */
export function versionLine(result: ExecResult | undefined): string {
  const lines = (result?.stdout ?? '')
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean);
  const version = lines.at(-1);
  if (!version || !/^\d/.test(version))
    throw new Error(`no version in ${JSON.stringify(result?.stdout ?? '')}`);
  return version;
}

/** The n-th whitespace-separated word of the first line that starts with `prefix`. */
export function wordAfter(result: ExecResult | undefined, prefix: RegExp, index: number): string {
  const text = `${result?.stdout ?? ''}\n${result?.stderr ?? ''}`;
  const line = text.split('\n').find((candidate) => prefix.test(candidate));
  const word = line?.trim().split(/\s+/)[index];
  if (!word) throw new Error(`no line matching ${prefix} in ${JSON.stringify(text.trim())}`);
  return word;
}
