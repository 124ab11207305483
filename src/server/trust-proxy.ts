import { isIP } from 'node:net';
import { inputError } from '../errors/stackhook-error.js';

/**
 * Which reverse proxies are trusted to say who the client is (X-Forwarded-For, -Host, -Proto): a number of hops
 * in front of the service, or the proxies' addresses (IPs, CIDR ranges, or proxy-addr's `loopback`,
 * `linklocal`, `uniquelocal`). Never "everyone": that would take the left-most X-Forwarded-For, which the
 * client writes.
 */
export type TrustProxy = number | readonly string[];

const NAMED_RANGES = new Set(['loopback', 'linklocal', 'uniquelocal']);

/** `--trust-proxy 1` or `--trust-proxy 10.0.0.2,10.1.0.0/16`; anything else is an input error naming `field`. */
export function parseTrustProxy(value: string, field: string): TrustProxy {
  if (/^\d+$/.test(value)) {
    const hops = Number(value);
    if (hops < 1 || hops > 32) throw inputError(`a hop count is 1 to 32, not ${value}`, field);
    return hops;
  }
  const addresses = value.split(',').map((entry) => entry.trim());
  for (const address of addresses) {
    if (!isTrustable(address))
      throw inputError(
        `not a hop count, an IP address, a CIDR range or ${[...NAMED_RANGES].join('/')}: "${address}"`,
        field,
      );
  }
  return addresses;
}

function isTrustable(entry: string): boolean {
  if (NAMED_RANGES.has(entry)) return true;
  const [address = '', bits, ...rest] = entry.split('/');
  const family = isIP(address);
  if (family === 0 || rest.length > 0) return false;
  if (bits === undefined) return true;
  // At least a /8: 0.0.0.0/0, ::/0 and their like would be "everyone" again.
  return /^\d{1,3}$/.test(bits) && Number(bits) >= 8 && Number(bits) <= (family === 4 ? 32 : 128);
}

/**
 * What fastify's trustProxy gets. A hop count becomes a function: fastify 5 ignores a bare number (it trusts
 * no hop), and proxy-addr calls the function with the socket's address as hop 0, then X-Forwarded-For from
 * the right, so the client is the address `hops` entries in.
 */
export function fastifyTrustProxy(
  trust: TrustProxy | undefined,
): false | string[] | ((address: string, hop: number) => boolean) {
  if (trust === undefined) return false;
  if (typeof trust === 'number') return (_address, hop) => hop < trust;
  return [...trust];
}
