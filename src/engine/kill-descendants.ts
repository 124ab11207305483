import { readdir, readFile } from 'node:fs/promises';

/** Parent of each process, from /proc (Linux; empty elsewhere). */
async function parents(): Promise<Map<number, number>> {
  const result = new Map<number, number>();
  const entries = await readdir('/proc').catch(() => [] as string[]);
  await Promise.all(
    entries
      .filter((entry) => /^\d+$/.test(entry))
      .map(async (entry) => {
        const stat = await readFile(`/proc/${entry}/stat`, 'utf8').catch(() => '');
        // The command name, in parentheses, may hold spaces: fields after its closing parenthesis are fixed.
        const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
        if (Number.isInteger(ppid)) result.set(Number(entry), ppid);
      }),
  );
  return result;
}

/** SIGKILLs every process below `pid` (not `pid` itself) and returns how many there were. */
export async function killDescendants(pid: number): Promise<number> {
  const tree = await parents();
  const below = new Set<number>();
  let grown = true;
  while (grown) {
    grown = false;
    for (const [child, parent] of tree)
      if (!below.has(child) && (parent === pid || below.has(parent))) {
        below.add(child);
        grown = true;
      }
  }
  for (const child of below) {
    try {
      process.kill(child, 'SIGKILL');
    } catch {
      // gone already
    }
  }
  return below.size;
}
