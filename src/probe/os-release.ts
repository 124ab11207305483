/** The command every probe runs to learn the image's distribution (the os tagger reads the same output). */
export const OS_RELEASE: readonly string[] = ['cat', '/etc/os-release'];

/** The distribution an image runs, from its /etc/os-release (ID and VERSION_ID, e.g. debian and 12). */
export interface OsRelease {
  id: string;
  /** Empty where the distribution has no VERSION_ID (Debian testing). */
  versionId: string;
}

/** The KEY=value fields of /etc/os-release, quotes removed. */
export function parseOsRelease(text: string): ReadonlyMap<string, string> {
  return new Map(
    text
      .split('\n')
      .map((line) => /^([A-Z_]+)=(.*)$/.exec(line.trim()))
      .filter((match): match is RegExpExecArray => match !== null)
      .map((match) => [match[1]!, match[2]!.replace(/^["']|["']$/g, '')]),
  );
}

/** ID and VERSION_ID, or undefined when the file has no ID (or the image has no such file: pass ''). */
export function osReleaseOf(text: string): OsRelease | undefined {
  const fields = parseOsRelease(text);
  const id = fields.get('ID');
  return id === undefined ? undefined : { id, versionId: fields.get('VERSION_ID') ?? '' };
}
