import type { Tagger } from '../src/probe/tagger.js';

export interface AptPackageTaggerOptions {
  name: string;
  /** Debian package name: r-base-core, openjdk-17-jre-headless. */
  package: string;
  /** The tag's word before the version (default: the package name). */
  prefix?: string;
  /**
   * `upstream` (default): the upstream version only, 4.2.2.20221110 of 4.2.2.20221110-2; `full`: epoch and
   * Debian revision too (1:2.66-4+deb12u3, sanitised to a valid tag).
   */
  version?: 'upstream' | 'full';
  optional?: boolean;
}

/** `<prefix>-<version>` of one installed Debian package. */
export function aptPackageTagger(options: AptPackageTaggerOptions): Tagger {
  return {
    name: options.name,
    // One line per installed architecture, with its state: "ii " is installed; "rc " only has config files left.
    commands: [['dpkg-query', '--show', '--showformat=${db:Status-Abbrev} ${Version}\n', options.package]],
    allowFailure: true,
    value: ([result]) => {
      const installed = result?.exitCode === 0 ? /^ii +(\S+)$/m.exec(result.stdout) : null;
      const version = installed?.[1] ?? '';
      if (version === '') {
        if (options.optional) return undefined;
        const why =
          result?.stderr.trim().split('\n').at(-1) ||
          (result?.exitCode === 0 ? `state ${result.stdout.trim()}` : `exit code ${result?.exitCode}`);
        throw new Error(`Debian package "${options.package}" is not installed (${why})`);
      }
      const shown = options.version === 'full' ? version : upstreamVersion(version);
      return `${options.prefix ?? options.package}-${shown}`;
    },
  };
}

/** Debian policy 5.6.12: [epoch:]upstream_version[-debian_revision]. */
export function upstreamVersion(version: string): string {
  const withoutEpoch = version.replace(/^\d+:/, '');
  const dash = withoutEpoch.lastIndexOf('-');
  return dash > 0 ? withoutEpoch.slice(0, dash) : withoutEpoch;
}
