/** The most of kiwi's ERROR record a job's error carries: the rest is in the job's log. */
const MAX_REASON = 500;

/**
 * Why kiwi failed, from what it printed: its last ERROR record (a package not found, a script that failed),
 * whose text may go on over the next lines (`KiwiInstallPhaseFailed:` alone on the first), up to the next
 * record or a blank line, in one line.
 */
export function kiwiErrorReason(printed: string): string | undefined {
  // Progress bars redraw a line with \r: only what follows the last one was left on the screen.
  const lines = printed.split('\n').map((line) => line.slice(line.lastIndexOf('\r') + 1));
  let start = lines.length - 1;
  while (start >= 0 && !lines[start]!.startsWith('[ ERROR')) start--;
  if (start < 0) return undefined;
  const record = [lines[start]!.replace(/^.*?\| /, '').trim()];
  for (const line of lines.slice(start + 1)) {
    if (/^\[ [A-Z]+ *\]/.test(line) || (line.trim() === '' && record.length > 1)) break;
    if (line.trim()) record.push(line.trim());
  }
  const reason = record.join(' ').trim();
  return reason.length > MAX_REASON ? `${reason.slice(0, MAX_REASON)}…` : reason;
}
