import { readFileSync } from 'node:fs';

const FILE = new URL('../fixtures/versions/pep440-order.txt', import.meta.url);

/** Two versions and the order PEP 440 gives them: -1 (a < b), 0, 1. */
export type OrderedPair = [a: string, b: string, order: number];

/** Every pair of the versions in test/fixtures/versions/pep440-order.txt, with its order, both ways round. */
export function pep440Pairs(): OrderedPair[] {
  const groups = readFileSync(FILE, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '' && !line.startsWith('#'))
    .map((line) => line.trim().split(/\s+/));
  const versions = groups.flatMap((group, rank) => group.map((version) => ({ version, rank })));
  const pairs: OrderedPair[] = [];
  versions.forEach((a, index) => {
    for (const b of versions.slice(index + 1)) {
      const order = Math.sign(a.rank - b.rank);
      pairs.push([a.version, b.version, order], [b.version, a.version, -order || 0]);
    }
  });
  return pairs;
}
