import type { FastifyRequest } from 'fastify';
import type { KeyHolder } from './api-keys.js';
import type { TrustedNetworks } from './trusted-networks.js';

export interface TrustedNetworkOptions {
  networks: TrustedNetworks;
  /** Who a key-less caller from those networks acts as (a writer of the build API, nothing else). */
  user: string;
}

/**
 * Headers a browser sends (a page elsewhere can make a browser on the trusted network call the service): current
 * browsers send Sec-Fetch-Site and -Dest on every request, older ones Origin on cross-site posts. Not
 * Sec-Fetch-Mode alone: Node's fetch sends that one (`cors`) and is no browser.
 */
const BROWSER_HEADERS = ['cookie', 'origin', 'referer', 'sec-fetch-site', 'sec-fetch-dest'];
/** Headers a proxy adds: then the TCP peer is the proxy, not the caller, whose address is only claimed. */
const FORWARDING_HEADERS = ['forwarded', 'x-forwarded-for', 'x-real-ip'];

/**
 * The key holder a key-less request acts as, when it may: the route takes key-less callers (the build API's), it
 * has no Authorization header, its TCP peer (never a forwarded address) is in a trusted network, it did not come
 * through a proxy, and nothing says a browser sent it. Else undefined (the request is anonymous).
 */
export function keylessCaller(
  request: FastifyRequest,
  trust: TrustedNetworkOptions | undefined,
  routeTakesKeyless: boolean,
): Pick<KeyHolder, 'username' | 'role'> | undefined {
  if (!trust || !routeTakesKeyless || request.headers.authorization !== undefined) return undefined;
  const { headers } = request;
  if ([...BROWSER_HEADERS, ...FORWARDING_HEADERS].some((name) => headers[name] !== undefined))
    return undefined;
  if (!trust.networks.contains(request.socket.remoteAddress)) return undefined;
  return { username: trust.user, role: 'writer' };
}
