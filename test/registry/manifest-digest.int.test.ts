import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { manifestDigest } from '../../src/registry/manifest-digest.js';

// A registry that wants an anonymous pull token, as Docker Hub, ghcr.io and quay.io do: the manifest answers
// 401 with a Bearer challenge until asked with the token its realm hands out. (No such registry is reachable
// here; the local docker-registry is covered by the hook tests.)
const DIGEST = `sha256:${'ab'.repeat(32)}`;
let server: http.Server;
let origin: string;
const seen: string[] = [];

beforeAll(async () => {
  server = http.createServer((request, response) => {
    seen.push(`${request.method} ${request.url} ${request.headers.authorization ?? '-'}`);
    if (request.url?.startsWith('/token?')) {
      const url = new URL(request.url, origin);
      const ok = url.searchParams.get('scope') === 'repository:org/app:pull';
      response.writeHead(ok ? 200 : 403, { 'Content-Type': 'application/json' });
      response.end(ok ? JSON.stringify({ token: 'pull-token' }) : '{}');
      return;
    }
    if (request.headers.authorization !== 'Bearer pull-token') {
      const challenge = `Bearer realm="${origin}/token",service="test-registry",scope="repository:org/app:pull"`;
      response.writeHead(401, { 'WWW-Authenticate': challenge }).end();
      return;
    }
    if (request.url === '/v2/org/app/manifests/x86_64-latest')
      response.writeHead(200, { 'Docker-Content-Digest': DIGEST }).end();
    else response.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => server.close());

describe('manifestDigest against a registry that wants a pull token', () => {
  it('fetches an anonymous token from the challenge realm and reads the digest', async () => {
    const host = origin.replace('http://', '');
    expect(await manifestDigest(`${host}/org/app:x86_64-latest`)).toBe(DIGEST);
    expect(seen.slice(-3)).toEqual([
      'HEAD /v2/org/app/manifests/x86_64-latest -',
      'GET /token?service=test-registry&scope=repository%3Aorg%2Fapp%3Apull -',
      'HEAD /v2/org/app/manifests/x86_64-latest Bearer pull-token',
    ]);
    expect(await manifestDigest(`${host}/org/app:missing`)).toBeUndefined();
  });
});
