/**
 * Advisories about RUN --mount in buildah that let a Containerfile reach the building machine's files, with
 * the first fixed release of each maintained line (a version of a line listed is fixed from that release on;
 * of a line not listed, from the newest fix on). Distributions may patch without changing the version: this
 * can over-warn, never clear a version the upstream advisories don't.
 */
const ADVISORIES: readonly { id: string; what: string; fixed: readonly string[] }[] = [
  {
    id: 'CVE-2024-1753',
    what: 'RUN --mount=type=bind from a stage holding a symlink mounts the host path read-write',
    fixed: ['1.35.1', '1.34.2', '1.33.7', '1.31.5', '1.29.3'],
  },
  {
    id: 'CVE-2024-9675',
    what: 'RUN --mount=type=cache,source=../.. mounts any host directory',
    fixed: ['1.38.0', '1.37.5', '1.33.10'],
  },
  {
    id: 'CVE-2024-11218',
    what: 'RUN --mount in concurrently running stages or builds exposes host files to the command',
    fixed: ['1.38.1', '1.37.6', '1.33.12', '1.29.5'],
  },
];

const parse = (version: string) => version.split(/[.+-]/, 3).map((part) => Number.parseInt(part, 10));

function before(a: number[], b: number[]): boolean {
  for (let index = 0; index < 3; index++) if (a[index] !== b[index]) return a[index]! < b[index]!;
  return false;
}

/** The advisories a buildah `version` (as `podman info` reports it) is known to be open to. */
export function buildahAdvisories(version: string): { id: string; what: string }[] {
  const found = parse(version);
  if (found.some(Number.isNaN)) return ADVISORIES.map(({ id, what }) => ({ id, what }));
  return ADVISORIES.filter(({ fixed }) => {
    const releases = fixed.map(parse);
    const line = releases.find(([major, minor]) => major === found[0] && minor === found[1]);
    const newest = releases.reduce((a, b) => (before(a, b) ? b : a));
    return before(found, line ?? newest);
  }).map(({ id, what }) => ({ id, what }));
}
