/** The command every probe runs to learn the image's distribution (the os tagger reads the same output). */
export const OS_RELEASE: readonly string[] = ['cat', '/etc/os-release'];

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
