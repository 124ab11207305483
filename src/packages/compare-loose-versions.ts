import { compareDigits } from './compare-debian-versions.js';

// Where a word sorts against the end of a version and against a number, PEP 440 style:
// 1.0.dev1 < 1.0a1 < 1.0b1 < 1.0rc1 < 1.0 < 1.0.post1 < 1.0.1
const PRE_RELEASE: Record<string, number> = {
  dev: 0,
  a: 1,
  alpha: 1,
  b: 2,
  beta: 2,
  c: 3,
  rc: 3,
  pre: 3,
  preview: 3,
};
const END = 4;
const POST = 5;
const NUMBER = 6;

/**
 * Orders R versions as R's package_version does, and Python versions PEP 440 rejects (comparePipVersions):
 * an epoch (`1!2.0`) first, missing release parts count as 0 (1.0 == 1.0.0), "-" and "." alike (R's 1.0-7),
 * pre-releases before the release, post-releases after; unknown words sort like "post".
 */
export function compareLooseVersions(a: string, b: string): number {
  const [epochA, restA] = splitEpoch(a);
  const [epochB, restB] = splitEpoch(b);
  const byEpoch = compareDigits(epochA, epochB);
  if (byEpoch !== 0) return byEpoch;
  const tokensA = tokens(restA);
  const tokensB = tokens(restB);
  for (let index = 0; index < Math.max(tokensA.length, tokensB.length); index++) {
    const left = tokensA[index] ?? zeroIfNumber(tokensB[index]);
    const right = tokensB[index] ?? zeroIfNumber(tokensA[index]);
    const difference = rank(left) - rank(right);
    if (difference !== 0) return Math.sign(difference);
    if (isDigits(left) && isDigits(right)) {
      const order = compareDigits(left!, right!);
      if (order !== 0) return order;
    } else if (left !== right) return left! < right! ? -1 : 1;
  }
  return 0;
}

function splitEpoch(version: string): [string, string] {
  const match = /^(\d+)!(.*)$/.exec(version);
  return match ? [match[1]!, match[2]!] : ['0', version];
}

function tokens(version: string): string[] {
  // A local version label (+cpu) does not order releases.
  return (
    version
      .toLowerCase()
      .split('+')[0]!
      .match(/\d+|[a-z]+/g) ?? []
  );
}

/** A missing release part against a number is a 0 (1.0 vs 1.0.1); against a word it is the end. */
function zeroIfNumber(other: string | undefined): string | undefined {
  return other !== undefined && isDigits(other) ? '0' : undefined;
}

function isDigits(token: string | undefined): boolean {
  return token !== undefined && /^\d/.test(token);
}

function rank(token: string | undefined): number {
  if (token === undefined) return END;
  if (isDigits(token)) return NUMBER;
  return PRE_RELEASE[token] ?? POST;
}
