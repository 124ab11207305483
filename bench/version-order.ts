// npm run bench -- version-order: how many pairs of test/fixtures/versions/pep440-order.txt the loose
// comparison the changes section used for pip before ordered wrongly, against the PEP 440 one it uses now.
import { compareLooseVersions } from '../src/packages/compare-loose-versions.js';
import { comparePipVersions } from '../src/packages/compare-pip-versions.js';
import { pep440Pairs, type OrderedPair } from '../test/support/version-order.js';

// Each unordered pair once (the fixture reader gives both directions).
const pairs = pep440Pairs().filter((_, index) => index % 2 === 0);
const ways: [string, (a: string, b: string) => number][] = [
  ['before (loose rules)', compareLooseVersions],
  ['now (PEP 440, @renovatebot/pep440)', comparePipVersions],
];
const shown = (pair: OrderedPair): string => `${pair[0]} ${['<', '=', '>'][pair[2] + 1]} ${pair[1]}`;

console.log(`${pairs.length} pairs checked`);
for (const [name, compare] of ways) {
  const started = performance.now();
  const wrong = pairs.filter(([a, b, order]) => compare(a, b) !== order);
  const ms = (performance.now() - started).toFixed(1);
  console.log(`${name}: ${wrong.length} of ${pairs.length} ordered wrongly (${ms} ms)`);
  // A spread of examples: neighbours in the fixture are mostly one mistake spelt several ways.
  const step = Math.max(1, Math.ceil(wrong.length / 10));
  for (const pair of wrong.filter((_, index) => index % step === 0))
    console.log(`  should be ${shown(pair)}`);
}
