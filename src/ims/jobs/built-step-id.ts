/**
 * The image id a build step's `-->` line names, so a failed build's last good layer can be opened in the debug
 * shell. buildah prints a fresh step's id shortened to 11 hex digits (`--> 3f2a1b4c5d6`) and a cached one as
 * `--> Using cache <64 hex>`; docker-style 12-digit ids appear too.
 */
export function builtStepId(line: string): string | undefined {
  return /^--> (?:Using cache )?([0-9a-f]{11,64})\s*$/.exec(line)?.[1];
}
