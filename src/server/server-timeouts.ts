import type { Server } from 'node:http';
import type { FastifyHttpOptions } from 'fastify';

/** How long a client may take (milliseconds). Without limits, a slow body holds its socket for minutes. */
export interface ServerTimeouts {
  /** The whole request, headers and body, must have arrived by then (else 408 and the socket closed). */
  request: number;
  /** A socket with nothing read or written for this long is closed; longer than a synchronous answer takes. */
  idle: number;
  /** An idle keep-alive socket is closed after this long. */
  keepAlive: number;
}

export const DEFAULT_SERVER_TIMEOUTS: ServerTimeouts = {
  request: 60_000,
  // POST /build/image answers when its build ends, within the builder's 30-minute limit: silent until then.
  idle: 31 * 60_000,
  keepAlive: 5_000,
};

/** fastify's options for `timeouts`: headers within 10 s (or the request limit), each limit checked every second. */
export function serverTimeoutOptions(timeouts: Partial<ServerTimeouts> = {}): FastifyHttpOptions<Server> {
  const { request, idle, keepAlive } = { ...DEFAULT_SERVER_TIMEOUTS, ...timeouts };
  const headers = Math.min(10_000, request);
  return {
    requestTimeout: request,
    connectionTimeout: idle,
    keepAliveTimeout: keepAlive,
    // Node checks request and header limits every 30 s by default: a limit of seconds would be minutes.
    http: {
      headersTimeout: headers,
      requestTimeout: request,
      connectionsCheckingInterval: Math.min(1000, headers),
    },
  };
}
