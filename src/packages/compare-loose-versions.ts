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

/** Orders Python and R versions (3.11.2, 1.0-7, 2.0.0rc1, 1.0.post1); unknown words sort like "post". */
export function compareLooseVersions(a: string, b: string): number {
  const tokensA = tokens(a);
  const tokensB = tokens(b);
  for (let index = 0; index < Math.max(tokensA.length, tokensB.length); index++) {
    const left = tokensA[index];
    const right = tokensB[index];
    const difference = rank(left) - rank(right);
    if (difference !== 0) return Math.sign(difference);
    if (typeof left === 'number' && typeof right === 'number' && left !== right)
      return Math.sign(left - right);
    if (typeof left === 'string' && typeof right === 'string' && left !== right) return left < right ? -1 : 1;
  }
  return 0;
}

function tokens(version: string): (number | string)[] {
  return (version.toLowerCase().match(/\d+|[a-z]+/g) ?? []).map((token) =>
    /^\d/.test(token) ? Number(token) : token,
  );
}

function rank(token: number | string | undefined): number {
  if (token === undefined) return END;
  if (typeof token === 'number') return NUMBER;
  return PRE_RELEASE[token] ?? POST;
}
