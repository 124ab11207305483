import { StackhookError } from '../errors/stackhook-error.js';
import { fastifyTrustProxy, parseTrustProxy } from './trust-proxy.js';

describe('parseTrustProxy', () => {
  it.each([
    ['1', 1],
    ['2', 2],
    ['10.0.0.2', ['10.0.0.2']],
    ['10.0.0.2, 10.1.0.0/16', ['10.0.0.2', '10.1.0.0/16']],
    ['loopback,fd00::/8', ['loopback', 'fd00::/8']],
    ['::1', ['::1']],
  ])('takes %j', (value, expected) => {
    expect(parseTrustProxy(value, '--trust-proxy')).toEqual(expected);
  });

  it.each([
    '0',
    '33',
    'true',
    '',
    'proxy.example.org',
    '10.0.0.0/33',
    '0.0.0.0/0',
    '::/0',
    '128.0.0.0/1',
    '10.0.0.1/8/1',
    '::1/129',
    '10.0.0.1,',
  ])('refuses %j, naming the option', (value) => {
    expect(() => parseTrustProxy(value, '--trust-proxy')).toThrow(StackhookError);
    expect(() => parseTrustProxy(value, '--trust-proxy')).toThrow(/^--trust-proxy: /);
  });
});

describe('fastifyTrustProxy', () => {
  it('trusts the socket and hops-1 forwarded entries for a hop count', () => {
    const trust = fastifyTrustProxy(2) as (address: string, hop: number) => boolean;
    expect([0, 1, 2, 3].map((hop) => trust('10.0.0.1', hop))).toEqual([true, true, false, false]);
  });

  it('passes addresses on, and trusts nothing by default', () => {
    expect(fastifyTrustProxy(['10.0.0.2'])).toEqual(['10.0.0.2']);
    expect(fastifyTrustProxy(undefined)).toBe(false);
  });
});
