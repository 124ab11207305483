import type { Tagger } from '../src/probe/tagger.js';
import { toolMissing } from './tool-missing.js';

/** Prints the installed version of the distribution named in argv[1] (no pip needed; pip's import alone costs 0.3 s). */
export const DISTRIBUTION_VERSION = 'import importlib.metadata as m, sys\nprint(m.version(sys.argv[1]))';

export interface PipPackageTaggerOptions {
  /** The tagger's name in stacks.yaml. */
  name: string;
  /** Distribution name as pip knows it: torch, tensorflow-cpu. */
  package: string;
  /** The tag's word before the version (default: the package name): pytorch-2.6.0. */
  prefix?: string;
  /** Keep a local version label (2.1.0+cpu)? docker-stacks drops it: the variant says cpu or cuda. */
  keepLocalVersion?: boolean;
  /** No tag, rather than an error, when the package is not installed. */
  optional?: boolean;
}

/** `<prefix>-<version>` of one Python distribution, as docker-stacks' tensorflow and pytorch taggers. */
export function pipPackageTagger(options: PipPackageTaggerOptions): Tagger {
  return {
    name: options.name,
    commands: [['python3', '-c', DISTRIBUTION_VERSION, options.package]],
    allowFailure: true,
    value: ([result]) => {
      const notInstalled = /PackageNotFoundError/.test(result?.stderr ?? '');
      if (result?.exitCode !== 0 || notInstalled) {
        if (options.optional && (notInstalled || toolMissing(result))) return undefined;
        throw new Error(
          notInstalled
            ? `Python package "${options.package}" is not installed`
            : `exited with code ${result?.exitCode}: ${result?.stderr.trim().split('\n').at(-1) ?? ''}`,
        );
      }
      const version = result.stdout.trim();
      if (!/^\d/.test(version)) throw new Error(`no version in ${JSON.stringify(result.stdout)}`);
      const kept = options.keepLocalVersion ? version : version.split('+')[0]!;
      return `${options.prefix ?? options.package}-${kept}`;
    },
  };
}
