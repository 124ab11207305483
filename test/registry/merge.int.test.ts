import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { execa } from 'execa';
import type { MergedImage } from '../../src/records/merged-image.js';
import { AuthRegistry } from '../support/auth-registry.js';
import { fixtureRepo } from '../support/fixture-repo.js';
import { runCli } from '../support/run-cli.js';

const PLATFORMS = { x86_64: 'linux/amd64', aarch64: 'linux/arm64' } as const;
const TAGS = ['latest', '1.0'];
let repo: string;
let registry: AuthRegistry;
let authFile: string;

const podman = (...args: string[]) =>
  execa(process.env.STACKHOOK_PODMAN ?? 'podman', args, {
    env: process.env.CONTAINERS_CONF ? { CONTAINERS_CONF: process.env.CONTAINERS_CONF } : {},
  });
const merge = (...extra: string[]) =>
  runCli(
    [
      'merge',
      'multi',
      '--hierarchy',
      'stacks.yaml',
      '--out',
      'out',
      '--registry',
      `${registry.address}/team`,
      '--authfile',
      authFile,
      '--json',
      ...extra,
    ],
    repo,
  );
const skopeoRaw = async (reference: string) =>
  JSON.parse(
    (
      await execa('skopeo', [
        'inspect',
        '--raw',
        '--tls-verify=false',
        '--authfile',
        authFile,
        `docker://${reference}`,
      ])
    ).stdout,
  ) as {
    mediaType: string;
    manifests: { digest: string; platform: { architecture: string; os: string } }[];
    annotations: Record<string, string>;
  };

/** What a build job for `platform` leaves: the image pushed under its tags, and the tags file. */
async function buildAndPush(platform: keyof typeof PLATFORMS): Promise<void> {
  const local = `localhost/stackhook-merge/multi:${platform}`;
  // podman 4.3's cache ignores --platform: no cache, or both platforms get one image.
  await podman(
    'build',
    '--no-cache',
    '--platform',
    PLATFORMS[platform],
    '--label',
    'org.opencontainers.image.title=multi',
    '-t',
    local,
    path.join(repo, 'images', 'multi'),
  );
  const references = TAGS.map((tag) => `${registry.address}/team/multi:${platform}-${tag}`);
  for (const reference of references)
    await podman('push', '--tls-verify=false', '--authfile', authFile, local, `docker://${reference}`);
  await writeFile(path.join(repo, 'out', 'tags', `${platform}-default-multi.txt`), references.join('\n'));
}

beforeAll(async () => {
  repo = await fixtureRepo('merge-stack');
  registry = await AuthRegistry.start();
  const dir = await mkdtemp(path.join(os.tmpdir(), 'stackhook-merge-auth-'));
  authFile = path.join(dir, 'auth.json');
  const auth = Buffer.from(`${registry.username}:${registry.password}`).toString('base64');
  await writeFile(authFile, JSON.stringify({ auths: { [registry.address]: { auth } } }));
  await execa('mkdir', ['-p', path.join(repo, 'out', 'tags')]);
  await buildAndPush('x86_64');
  await buildAndPush('aarch64');
});
afterAll(async () => {
  await registry?.[Symbol.asyncDispose]();
});

describe('stackhook merge', () => {
  it('joins the amd64 and arm64 tags into one OCI index per tag, with annotations, pulling nothing', async () => {
    const result = await merge();
    expect(result.exitCode).toBe(0);
    const [merged] = JSON.parse(result.stdout) as MergedImage[];
    expect(merged!.tags.map((tag) => tag.reference)).toEqual(
      TAGS.map((tag) => `${registry.address}/team/multi:${tag}`),
    );
    for (const tag of TAGS) {
      const index = await skopeoRaw(`${registry.address}/team/multi:${tag}`);
      expect(index.mediaType).toBe('application/vnd.oci.image.index.v1+json');
      expect(index.manifests.map((entry) => `${entry.platform.os}/${entry.platform.architecture}`)).toEqual([
        'linux/amd64',
        'linux/arm64',
      ]);
      // Each entry names the very manifest its platform tag points at.
      for (const [position, platform] of (['x86_64', 'aarch64'] as const).entries()) {
        const { stdout } = await execa('skopeo', [
          'inspect',
          '--tls-verify=false',
          '--authfile',
          authFile,
          `docker://${registry.address}/team/multi:${platform}-${tag}`,
        ]);
        expect(index.manifests[position]!.digest).toBe((JSON.parse(stdout) as { Digest: string }).Digest);
      }
      expect(index.annotations).toMatchObject({
        'org.opencontainers.image.title': 'multi',
        'org.opencontainers.image.ref.name': tag,
        'io.stackhook.platforms': 'x86_64,aarch64',
      });
    }
    expect(result.stdout + result.stderr).not.toContain(registry.password);
    // Registry API only: no merged reference was pulled into podman's store.
    const pulled = await execa(
      process.env.STACKHOOK_PODMAN ?? 'podman',
      ['image', 'exists', `${registry.address}/team/multi:latest`],
      {
        reject: false,
        env: process.env.CONTAINERS_CONF ? { CONTAINERS_CONF: process.env.CONTAINERS_CONF } : {},
      },
    );
    expect(pulled.exitCode).toBe(1);
  });

  it('refuses when a platform is missing, naming it, and writes nothing; --allow-missing merges the rest', async () => {
    await rm(path.join(repo, 'out', 'tags', 'aarch64-default-multi.txt'));
    await podman(
      'push',
      '--tls-verify=false',
      '--authfile',
      authFile,
      'localhost/stackhook-merge/multi:x86_64',
      `docker://${registry.address}/team/multi:x86_64-2.0`,
    );
    await writeFile(
      path.join(repo, 'out', 'tags', 'x86_64-default-multi.txt'),
      `${registry.address}/team/multi:x86_64-2.0`,
    );
    const refused = await merge();
    expect(refused.exitCode).toBe(1);
    expect(refused.stderr).toContain('cannot merge multi:2.0: platform aarch64 missing');
    expect(refused.stderr).toContain('no tags file');
    const absent = await execa(
      'skopeo',
      [
        'inspect',
        '--raw',
        '--tls-verify=false',
        '--authfile',
        authFile,
        `docker://${registry.address}/team/multi:2.0`,
      ],
      { reject: false },
    );
    expect(absent.exitCode).not.toBe(0);

    const allowed = await merge('--allow-missing');
    expect(allowed.exitCode).toBe(0);
    const [merged] = JSON.parse(allowed.stdout) as MergedImage[];
    expect(merged!.tags).toEqual([expect.objectContaining({ platforms: ['x86_64'], missing: ['aarch64'] })]);
    expect((await skopeoRaw(`${registry.address}/team/multi:2.0`)).manifests).toHaveLength(1);
  });
});
