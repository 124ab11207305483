/**
 * dpkg's version ordering (Debian policy 5.6.12): epoch numerically, then upstream version and Debian
 * revision by dpkg's verrevcmp, where "~" sorts before everything, even the end of the string.
 */
export function compareDebianVersions(a: string, b: string): number {
  const [epochA, upstreamA, revisionA] = split(a);
  const [epochB, upstreamB, revisionB] = split(b);
  return Math.sign(epochA - epochB) || verrevcmp(upstreamA, upstreamB) || verrevcmp(revisionA, revisionB);
}

function split(version: string): [number, string, string] {
  const colon = version.indexOf(':');
  const epoch = colon > 0 ? Number(version.slice(0, colon)) : 0;
  const rest = colon > 0 ? version.slice(colon + 1) : version;
  const dash = rest.lastIndexOf('-');
  return dash > 0 ? [epoch, rest.slice(0, dash), rest.slice(dash + 1)] : [epoch, rest, ''];
}

function order(char: string | undefined): number {
  if (char === undefined) return 0;
  if (char === '~') return -1;
  if (/[0-9]/.test(char)) return 0;
  if (/[A-Za-z]/.test(char)) return char.charCodeAt(0);
  return char.charCodeAt(0) + 256;
}

function verrevcmp(a: string, b: string): number {
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    while ((i < a.length && !/[0-9]/.test(a[i]!)) || (j < b.length && !/[0-9]/.test(b[j]!))) {
      const difference = order(a[i]) - order(b[j]);
      if (difference !== 0) return Math.sign(difference);
      i++;
      j++;
    }
    let numberA = '';
    let numberB = '';
    while (i < a.length && /[0-9]/.test(a[i]!)) numberA += a[i++];
    while (j < b.length && /[0-9]/.test(b[j]!)) numberB += b[j++];
    const difference = compareDigits(numberA, numberB);
    if (difference !== 0) return difference;
  }
  return 0;
}

/** Digit runs compared as numbers of any length (a git snapshot's 20240101123456789 is past Number's precision). */
export function compareDigits(a: string, b: string): number {
  const x = a.replace(/^0+/, '');
  const y = b.replace(/^0+/, '');
  if (x.length !== y.length) return Math.sign(x.length - y.length);
  return x === y ? 0 : x < y ? -1 : 1;
}
