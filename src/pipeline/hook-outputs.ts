import type { GitInfo } from '../git/git-info.js';
import type { ProbeResult } from '../probe/probe-result.js';
import type { TestResult } from '../records/test-result.js';
import { testsSection } from './tests-section.js';

export const MARKDOWN_LINE_BREAK = '<br />';

/** The tags file: `<prefix>-latest` first, then one line per tagger; no trailing newline (as docker-stacks). */
export function tagsFileContent(tags: readonly string[]): string {
  return tags.join('\n');
}

/**
 * docker-stacks' manifest: heading, Build Info, then the pieces; `changes` and the Tests line go right after
 * Build Info.
 */
export function manifestContent(
  image: string,
  git: GitInfo,
  probe: ProbeResult,
  changes?: string,
  tests?: TestResult,
): string {
  const heading = `# Build manifest for image: ${image}:${git.shortSha}`;
  const [buildInfo, ...pieces] = probe.sections.map((section) => section.markdown);
  const parts = [heading, buildInfo, changes, tests && testsSection(tests), ...pieces].filter(
    (part) => part !== undefined,
  );
  return `${parts.join('\n\n')}\n`;
}

export interface HistoryLineInput {
  buildTimestamp: string;
  /** Full references of the tagger tags (no -latest), as docker-stacks lists them. */
  taggedReferences: readonly string[];
  git: GitInfo;
  repository: string | undefined;
  /** Path of the image's Dockerfile relative to the repository root. */
  dockerfilePath: string;
  manifestStem: string;
}

/** One row of the wiki's build history table. */
export function historyLine(input: HistoryLineInput): string {
  const images = input.taggedReferences.map((reference) => `\`${reference}\``).join(MARKDOWN_LINE_BREAK);
  const { sha } = input.git;
  const links = input.repository
    ? [
        `[Git diff](https://github.com/${input.repository}/commit/${sha})`,
        `[Dockerfile](https://github.com/${input.repository}/blob/${sha}/${input.dockerfilePath})`,
        `[Build manifest](./${input.manifestStem})`,
      ]
    : [
        `Git commit: \`${sha}\``,
        `Dockerfile: \`${input.dockerfilePath}\``,
        `[Build manifest](./${input.manifestStem})`,
      ];
  return `| \`${input.buildTimestamp}\` | ${images} | ${links.join(MARKDOWN_LINE_BREAK)} |`;
}
