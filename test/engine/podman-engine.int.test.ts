import { testBaseImage, testEngine } from '../support/test-engine.js';

const engine = testEngine();
const registry = process.env.STACKHOOK_TEST_REGISTRY || '127.0.0.1:5000';

describe('PodmanEngine on real podman', () => {
  it('reports its version', async () => {
    expect(await engine.version()).toMatch(/^\d+\.\d+\.\d+/);
  });

  it('inspects an image and reports a missing one as undefined', async () => {
    const base = await engine.inspectImage(testBaseImage());
    expect(base?.architecture).toBe('amd64');
    expect(base?.size).toBeGreaterThan(10_000_000);
    expect(await engine.inspectImage('localhost/stackhook/absent:0')).toBeUndefined();
  });

  it('tags and pushes to a registry, returning the digest the registry serves', async () => {
    const reference = 'localhost/stackhook-test/push-probe:1';
    await engine.tag(testBaseImage(), [reference]);
    const { digest } = await engine.push(reference, `${registry}/stackhook-test/push-probe:1`, {
      tlsVerify: false,
    });
    expect(digest).toMatch(/^sha256:[0-9a-f]{64}$/);
    const response = await fetch(`http://${registry}/v2/stackhook-test/push-probe/manifests/1`, {
      method: 'HEAD',
      headers: {
        Accept:
          'application/vnd.oci.image.manifest.v1+json, application/vnd.docker.distribution.manifest.v2+json',
      },
    });
    expect(response.headers.get('docker-content-digest')).toBe(digest);
  });
});
