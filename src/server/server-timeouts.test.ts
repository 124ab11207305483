import { serverTimeoutOptions } from './server-timeouts.js';

describe('serverTimeoutOptions', () => {
  it.each([
    [{}, { request: 60_000, headers: 10_000, idle: 31 * 60_000, keepAlive: 5_000, interval: 1000 }],
    [
      { request: 1500 },
      { request: 1500, headers: 1500, idle: 31 * 60_000, keepAlive: 5_000, interval: 1000 },
    ],
    [
      { request: 300, keepAlive: 100 },
      { request: 300, headers: 300, idle: 31 * 60_000, keepAlive: 100, interval: 300 },
    ],
    [{ idle: 90_000 }, { request: 60_000, headers: 10_000, idle: 90_000, keepAlive: 5_000, interval: 1000 }],
  ])('turns %j into fastify’s and node’s limits', (timeouts, expected) => {
    const options = serverTimeoutOptions(timeouts);
    expect({
      request: options.requestTimeout,
      headers: options.http?.headersTimeout,
      idle: options.connectionTimeout,
      keepAlive: options.keepAliveTimeout,
      interval: options.http?.connectionsCheckingInterval,
    }).toEqual(expected);
    // Node refuses a headers limit longer than the request's.
    expect(options.http!.headersTimeout!).toBeLessThanOrEqual(options.http!.requestTimeout!);
  });
});
