import type { ExecResult } from '../src/engine/exec-result.js';
import { parsePipList } from '../src/packages/parse-pip-list.js';
import { toolMissing } from './tool-missing.js';

/**
 * Every installed Python distribution as a `pip list` style table, read with importlib.metadata: the same
 * facts as `python3 -m pip list` in a fifth of the time (pip's own import costs about 0.3 s), and it works in
 * images without pip.
 */
export const LIST_DISTRIBUTIONS = [
  'import importlib.metadata as m',
  'rows = sorted({(d.metadata["Name"] or "?", d.version) for d in m.distributions()}, key=lambda r: r[0].lower())',
  'w = max([len("Package")] + [len(n) for n, _ in rows]); v = max([len("Version")] + [len(x) for _, x in rows])',
  'print("Package".ljust(w), "Version"); print("-" * w, "-" * v)',
  'print("\\n".join(n.ljust(w) + " " + x for n, x in rows))',
].join('\n');

/** Shared by the python-packages manifest piece, the pip package lister and the Jupyter taggers: run once. */
export const PYTHON_DISTRIBUTIONS: readonly string[] = ['python3', '-c', LIST_DISTRIBUTIONS];

/**
 * The version of an installed distribution in that table, or undefined when it is not installed. Throws when
 * the command failed for another reason than a missing python3.
 */
export function distributionVersion(
  result: ExecResult | undefined,
  distribution: string,
): string | undefined {
  if (!result || toolMissing(result)) return undefined;
  if (result.exitCode !== 0)
    throw new Error(`listing Python distributions failed (exit ${result.exitCode}): ${result.stderr.trim()}`);
  const wanted = normalise(distribution);
  return parsePipList(result.stdout).find((pkg) => normalise(pkg.name) === wanted)?.version;
}

// PEP 503: names compare case-insensitively, runs of "-", "_" and "." being the same.
function normalise(name: string): string {
  return name.toLowerCase().replace(/[-_.]+/g, '-');
}
