/** A `<repository>` of a kiwi description: where its `<source path>` points and how kiwi reads it. */
export interface KiwiRepository {
  type: string;
  path: string;
  distribution: string | undefined;
  alias: string | undefined;
}

const REPOSITORY = /<repository\b([^>]*)>([\s\S]*?)<\/repository\s*>/g;
const SOURCE = /<source\b([^>]*?)\/?>/;
const ATTRIBUTE = /([A-Za-z_:][A-Za-z0-9_.:-]*)\s*=\s*(?:"([^"]*)"|'([^']*)')/g;
const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function attributes(text: string): Map<string, string> {
  const found = new Map<string, string>();
  for (const match of text.matchAll(ATTRIBUTE)) {
    const raw = match[2] ?? match[3] ?? '';
    found.set(
      match[1]!,
      raw.replace(/&(amp|lt|gt|quot|apos);/g, (_whole, name: string) => ENTITIES[name]!),
    );
  }
  return found;
}

/**
 * The repositories a kiwi description (config.kiwi / config.xml, template applied) names, in order; comments
 * are skipped. kiwi's own schema check runs later, in the build: this only needs to find what to reach.
 */
export function kiwiRepositories(xml: string): KiwiRepository[] {
  const text = xml.replace(/<!--[\s\S]*?-->/g, '');
  const repositories: KiwiRepository[] = [];
  for (const match of text.matchAll(REPOSITORY)) {
    const own = attributes(match[1]!);
    const source = SOURCE.exec(match[2]!);
    const path = source ? attributes(source[1]!).get('path') : undefined;
    if (!path) continue;
    repositories.push({
      type: own.get('type') ?? 'rpm-md',
      path,
      distribution: own.get('distribution'),
      alias: own.get('alias'),
    });
  }
  return repositories;
}

/**
 * What to fetch to know a repository answers: an apt suite's Release file, an rpm-md repository's
 * repomd.xml, else its path itself. `obs://` is the openSUSE build service's download server, as kiwi reads
 * it. undefined for what no network check applies to (`dir://`, `iso://`: files of the build container).
 */
export function repositoryProbeUrl(repository: KiwiRepository): string | undefined {
  let base = repository.path;
  if (base.startsWith('obs://'))
    base = `https://download.opensuse.org/repositories/${base.slice('obs://'.length)}`;
  if (!/^(https?|ftp):\/\//.test(base)) return undefined;
  base = base.replace(/\/+$/, '');
  if (repository.type === 'apt-deb')
    return repository.distribution ? `${base}/dists/${repository.distribution}/Release` : `${base}/`;
  if (repository.type === 'rpm-md') return `${base}/repodata/repomd.xml`;
  return `${base}/`;
}
