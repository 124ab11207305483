import { inputError } from '../errors/stackhook-error.js';

const LINE_START = /^\| `(\d{4}-\d{2})-\d{2}T\d{2}:\d{2}:\d{2}Z` \|/;

/** docker-stacks' MONTHLY_PAGE_HEADER: the page is this header followed by one line per image, newest first. */
export function monthlyPageHeader(yearMonth: string): string {
  return `# Images built during ${yearMonth}\n\n| Date | Image | Links |\n| - | - | - |\n`;
}

/** The month a history line belongs to (its build timestamp's YYYY-MM). */
export function historyLineYearMonth(line: string, subject: string): string {
  const yearMonth = LINE_START.exec(line)?.[1];
  if (!yearMonth || line.includes('\n')) {
    throw inputError(
      'not a build history line: expected one line starting with "| `YYYY-MM-DDTHH:MM:SSZ` |"',
      subject,
      `found: ${JSON.stringify(line.slice(0, 80))}`,
    );
  }
  return yearMonth;
}

export interface MonthlyPageUpdate {
  content: string;
  /** False when the line was already on the page (publishing the same build twice adds nothing). */
  added: boolean;
}

/**
 * Puts `line` above the first line of a build as old or older, so that the page stays newest first even when
 * an older build is published after a newer one (docker-stacks puts every new line on top; among builds of the
 * same second, so does stackhook). The timestamps are ISO 8601 UTC, so they order as text. `content` is
 * undefined for a month that has no page yet.
 */
export function insertHistoryLine(
  content: string | undefined,
  yearMonth: string,
  line: string,
  subject: string,
): MonthlyPageUpdate {
  const header = monthlyPageHeader(yearMonth);
  const page = content ?? header;
  if (!page.startsWith(header)) {
    throw inputError(`monthly page does not start with the header ${JSON.stringify(header)}`, subject);
  }
  const lines = page.slice(header.length).split('\n');
  if (lines.includes(line)) return { content: page, added: false };
  const stamp = (text: string) => /^\| `([^`]+)`/.exec(text)?.[1] ?? '';
  const older = lines.findIndex((existing) => existing !== '' && stamp(existing) <= stamp(line));
  let at = older;
  if (at < 0) for (at = lines.length; at > 0 && lines[at - 1] === '';) at--;
  lines.splice(at, 0, line);
  return { content: `${header}${lines.join('\n')}`, added: true };
}
