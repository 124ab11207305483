import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Log } from '../log/log.js';
import { homePage } from './home-page.js';
import { countBuilds, countImages, type MonthStats } from './month-stats.js';
import { insertHistoryLine } from './monthly-page.js';
import type { PublishInputs } from './publish-inputs.js';
import { removeOldManifests } from './retention.js';
import type { CommitCounter } from './source-commits.js';
import { HOME_PAGE, manifestWikiPath, MONTHLY_DIR, monthlyPagePath } from './wiki-paths.js';

export interface WikiUpdateOptions {
  /** GitHub owner/name the images are built from (Home.md links); undefined: no links. */
  repository: string | undefined;
  /** Newest manifests kept. */
  keep: number;
  /** The image whose lines count as builds; undefined: the most often built one of each month. */
  countImage: string | undefined;
  homeTemplate: string;
  homeTemplateName?: string;
  commits: CommitCounter;
  log: Log;
}

export interface WikiUpdate {
  linesAdded: number;
  manifestsRemoved: string[];
}

const readIfExists = (file: string): Promise<string | undefined> =>
  readFile(file, 'utf8').catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return undefined;
    throw error;
  });

async function writeCreatingFolders(file: string, content: string): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true });
  await writeFile(file, content);
}

/** Every month with a page under monthly-files/YYYY/YYYY-MM.md, with its statistics. */
async function monthStats(wikiDir: string, options: WikiUpdateOptions): Promise<MonthStats[]> {
  const root = path.join(wikiDir, MONTHLY_DIR);
  const years = (await readdir(root).catch(() => [] as string[])).filter((name) => /^\d{4}$/.test(name));
  const stats: MonthStats[] = [];
  for (const year of years) {
    const pages = (await readdir(path.join(root, year))).filter((name) => /^\d{4}-\d{2}\.md$/.test(name));
    for (const page of pages) {
      const yearMonth = page.slice(0, 7);
      const content = await readFile(path.join(root, year, page), 'utf8');
      const commits = await options.commits(yearMonth);
      stats.push({
        yearMonth,
        builds: countBuilds(content, options.countImage),
        images: countImages(content),
        commits,
      });
    }
  }
  return stats;
}

/**
 * docker-stacks' update_wiki on a checked-out wiki: copy the manifests, add the history lines to the monthly
 * pages, regenerate Home.md, drop the oldest manifests. Plain files only: committing is the caller's business,
 * and applying the same inputs twice changes nothing more.
 */
export async function applyWikiUpdate(
  wikiDir: string,
  inputs: PublishInputs,
  options: WikiUpdateOptions,
): Promise<WikiUpdate> {
  const { log } = options;
  for (const manifest of inputs.manifests) {
    await writeCreatingFolders(
      manifestWikiPath(wikiDir, manifest.timestamp, manifest.fileName),
      manifest.content,
    );
  }
  let linesAdded = 0;
  for (const history of inputs.historyLines) {
    const page = monthlyPagePath(wikiDir, history.yearMonth);
    const subject = `wiki ${path.relative(wikiDir, page)}`;
    const update = insertHistoryLine(await readIfExists(page), history.yearMonth, history.line, subject);
    if (!update.added) {
      log.debug(`${path.basename(history.source)}: already on ${history.yearMonth}'s page`);
      continue;
    }
    await writeCreatingFolders(page, update.content);
    linesAdded++;
  }
  const home = homePage({
    template: options.homeTemplate,
    templateName: options.homeTemplateName,
    repository: options.repository,
    months: await monthStats(wikiDir, options),
  });
  await writeFile(path.join(wikiDir, HOME_PAGE), home);
  const manifestsRemoved = await removeOldManifests(wikiDir, options.keep);
  return { linesAdded, manifestsRemoved };
}
