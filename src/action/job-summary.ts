import path from 'node:path';
import type { ActionInputs } from './action-inputs.js';
import type { GitHubEvent } from './github-event.js';
import type { ActionResult } from './action-result.js';
import { isGitHubRepositoryName } from './github-repository-name.js';
import { testsLine } from '../pipeline/tests-section.js';

export interface SummaryContext {
  inputs: ActionInputs;
  event: GitHubEvent;
  /** `https://github.com/<owner>/<repo>` when known: manifest links go to its wiki. */
  repositoryUrl: string | undefined;
}

const cell = (text: string) => text.replace(/\|/g, '\\|').replace(/\n/g, ' ');

/**
 * The job summary: what ran on which event, what failed and why, then per image its tags (with the pushed digest), its manifest and
 * where to find it in the wiki and the catalog; the plan's levels for `plan`. Markdown, every value escaped for
 * its table cell.
 */
export function jobSummary(result: ActionResult, context: SummaryContext): string {
  const { inputs, event } = context;
  const lines = [`## stackhook ${inputs.command}`, ''];
  const pushNote = inputs.push
    ? 'push on'
    : event.pullRequest !== undefined
      ? `not pushed (pull request #${event.pullRequest})`
      : 'push off';
  const trigger = event.tag ? `tag \`${event.tag}\`` : `\`${event.ref || 'no ref'}\``;
  lines.push(`Event \`${event.name}\` on ${trigger} · ${pushNote}`, '');
  if (result.failures.length > 0) {
    lines.push('### Failed', '', '| what | why |', '| --- | --- |');
    for (const failure of result.failures) {
      const junit = failure.junit && ` · JUnit \`${cell(path.relative(process.cwd(), failure.junit))}\``;
      lines.push(`| ${cell(failure.subject)} | ${cell(failure.reason)}${junit || ''} |`);
    }
    lines.push('');
  }
  if (result.plan) {
    lines.push('| level | builds |', '| --- | --- |');
    result.plan.levels.forEach((_, index) => {
      const builds = result.plan!.matrix[String(index)]!.include.map(
        (build) => `${build.image} (${[build.platform, build.variant].filter(Boolean).join(', ')})`,
      );
      lines.push(`| ${index} | ${cell(builds.join(', '))} |`);
    });
    lines.push('');
  }
  for (const record of result.records) {
    const pushed = result.pushed.find(
      (one) =>
        one.image === record.image && one.platform === record.platform && one.variant === record.variant,
    );
    const registered = result.registered.find((one) => one.image === record.image);
    lines.push(`### ${record.image} (${record.tagPrefix})`, '');
    if (pushed) lines.push(`Digest \`${pushed.digest}\``, '');
    const tests = record.tests && testsLine(record.tests);
    if (tests) {
      const junit =
        record.tests?.junit && ` · JUnit \`${cell(path.relative(process.cwd(), record.tests.junit))}\``;
      lines.push(`Tests: ${cell(tests)}${junit || ''}`, '');
    }
    lines.push('| tag | pushed as |', '| --- | --- |');
    for (const tag of record.tags) {
      const name = tag.slice(tag.lastIndexOf(':') + 1);
      const references =
        pushed?.references.filter((reference) => reference.reference.endsWith(`:${name}`)) ?? [];
      lines.push(
        `| \`${cell(name)}\` | ${references.map((reference) => `\`${cell(reference.reference)}\``).join('<br>') || '—'} |`,
      );
    }
    lines.push('');
    const manifest = path.basename(record.files.manifest, '.md');
    const links = [`manifest \`${cell(path.relative(process.cwd(), record.files.manifest))}\``];
    if (inputs.wikiRepo || context.repositoryUrl) {
      const wiki =
        inputs.wikiRepo && isGitHubRepositoryName(inputs.wikiRepo)
          ? `https://github.com/${inputs.wikiRepo}`
          : context.repositoryUrl;
      if (wiki) links.push(`[wiki page](${wiki}/wiki/${encodeURIComponent(manifest)})`);
    }
    if (registered) {
      const where =
        inputs.catalogUrl && /^https?:\/\//.test(inputs.catalogUrl)
          ? `${inputs.catalogUrl.replace(/\/$/, '')}/swtags/${registered.swtag}`
          : undefined;
      const references = registered.publications
        .map((publication) => `\`${cell(publication.reference)}\``)
        .join(', ');
      links.push(
        `${where ? `[SW-Tag ${registered.swtag}](${where})` : `SW-Tag ${registered.swtag}`}: ${references}`,
      );
    }
    lines.push(links.join(' · '), '');
  }
  for (const merged of result.merged) {
    lines.push(
      `### ${merged.image}: manifest lists in ${merged.registry}`,
      '',
      '| tag | digest |',
      '| --- | --- |',
    );
    for (const tag of merged.tags) lines.push(`| \`${cell(tag.reference)}\` | \`${tag.digest}\` |`);
    lines.push('');
  }
  if (result.published) {
    const { published } = result;
    lines.push(
      published.commit
        ? `Wiki: commit \`${published.commit.slice(0, 12)}\`, ${published.manifests} manifests, ${published.pagesAdded.length} pages added`
        : 'Wiki: nothing new to publish',
      '',
    );
  }
  return lines.join('\n');
}
