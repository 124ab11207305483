import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { execa } from 'execa';
import type { BuildRecord } from '../../src/records/build-record.js';
import { fixtureRepo } from '../support/fixture-repo.js';
import { readFromImage } from '../support/podman-run.js';
import { runCli } from '../support/run-cli.js';
import { validateCycloneDx } from '../support/validate-cyclonedx.js';

// plugin-child uses the stack's own taggers and manifest pieces (declarative and plugins), and its
// Dockerfile installs Python distributions whose versions move between two builds.
let repo: string;
let first: BuildRecord;

const hook = async (out: string, ...extra: string[]): Promise<BuildRecord> => {
  const args = ['hook', 'plugin-child', '--hierarchy', 'stacks.yaml', '--out', out, '--json', ...extra];
  const result = await runCli(args, repo);
  if (result.exitCode !== 0) throw new Error(`hook failed (${result.exitCode}):\n${result.stderr}`);
  return JSON.parse(result.stdout) as BuildRecord;
};

const podman = (...args: string[]) =>
  execa(process.env.STACKHOOK_PODMAN ?? 'podman', args, {
    env: process.env.CONTAINERS_CONF ? { CONTAINERS_CONF: process.env.CONTAINERS_CONF } : {},
  });

beforeAll(async () => {
  repo = await fixtureRepo('probe-stack');
  first = await hook(path.join(repo, 'out'), '--previous-from', 'out');
});

describe('taggers and manifest pieces a stack defines itself', () => {
  it('tags with the pip, apt, regex and plugin taggers, each value read independently', async () => {
    const pip = (await readFromImage(first.built.imageId, ['python3', '-m', 'pip', '--version'])).split(
      ' ',
    )[1];
    const python3 = await readFromImage(first.built.imageId, [
      'dpkg-query',
      '--show',
      '--showformat=${Version}',
      'python3',
    ]);
    const uid = await readFromImage(first.built.imageId, ['id', '-u']);
    const own = first.probe.tags.slice(5).map((tag) => [tag.tagger, tag.raw]);
    expect(own).toEqual([
      ['pip-version', `pip-${pip}`],
      ['debian-python', `debian-python-${python3.replace(/-[^-]*$/, '')}`],
      ['greeting', 'hello-stackhook'],
      ['uid', `uid-${uid}`],
    ]);
    // JupyterLab is not in the image: the "when present" lab tagger adds no tag and says so.
    expect(first.probe.skipped).toEqual([{ kind: 'tagger', name: 'lab' }]);
  });

  it('adds the declarative and plugin manifest sections', async () => {
    const manifest = await readFile(first.files.manifest, 'utf8');
    expect(manifest).toContain('## Greeting\n\n`cat /etc/greeting.txt`:\n\n```text\nhello stackhook\n```');
    const debian = await readFromImage(first.built.imageId, ['cat', '/etc/debian_version']);
    expect(manifest).toContain(`## Operating system\n\nDebian ${debian}\n`);
  });
});

describe('package list and SBOM', () => {
  it('lists apt and pip packages with the versions the image reports', async () => {
    const dpkg = await readFromImage(first.built.imageId, [
      'dpkg-query',
      '--show',
      '--showformat=${Package} ${Version}\\n',
    ]);
    const apt = first.packages.filter((pkg) => pkg.source === 'apt');
    expect(apt.map((pkg) => `${pkg.name} ${pkg.version}`).sort()).toEqual(dpkg.split('\n').sort());
    expect(first.packages).toContainEqual({ name: 'demo-up', version: '1.0', source: 'pip' });
  });

  it('writes a CycloneDX 1.5 SBOM that validates against the published schema', async () => {
    const bom = JSON.parse(await readFile(first.files.sbom, 'utf8')) as {
      specVersion: string;
      components: { purl?: string }[];
      metadata: { component: { name: string } };
    };
    expect(validateCycloneDx(bom)).toEqual([]);
    expect(bom.specVersion).toBe('1.5');
    expect(bom.metadata.component.name).toBe('localhost:5000/stackhook-test/plugin-child');
    expect(bom.components.map((component) => component.purl)).toContain('pkg:pypi/demo-up@1.0');
  });
});

describe('changes since the previous build', () => {
  let wikiDir: string;
  let second: BuildRecord;

  beforeAll(async () => {
    // What the last build left: in the registry (pushed) and in a wiki (published), besides the out folder.
    await podman('push', '--tls-verify=false', first.tags[0]!);
    const wiki = await mkdtemp(path.join(os.tmpdir(), 'stackhook-wiki-'));
    await execa('git', ['init', '--quiet', '--bare', wiki]);
    const published = await runCli(['publish', '--wiki', wiki, '--out', path.join(repo, 'out')], repo);
    if (published.exitCode !== 0) throw new Error(`publish failed:\n${published.stderr}`);
    wikiDir = await mkdtemp(path.join(os.tmpdir(), 'stackhook-wiki-clone-'));
    await execa('git', ['clone', '--quiet', wiki, wikiDir]);

    const dockerfile = path.join(repo, 'images', 'plugin-child', 'Dockerfile');
    const text = await readFile(dockerfile, 'utf8');
    await writeFile(
      dockerfile,
      text.replace('demo-up:1.0 demo-down:2.0 demo-old:1.0', 'demo-up:1.1 demo-down:1.5 demo-new:0.1'),
    );
    await execa(
      'git',
      ['-c', 'user.name=t', '-c', 'user.email=t@t.invalid', 'commit', '-qam', 'move versions'],
      { cwd: repo },
    );
    second = await hook(path.join(repo, 'out'), '--previous-from', 'out');
  });

  const expected = {
    added: [{ name: 'demo-new', version: '0.1', source: 'pip' }],
    removed: [{ name: 'demo-old', version: '1.0', source: 'pip' }],
    upgraded: [{ name: 'demo-up', source: 'pip', from: '1.0', to: '1.1' }],
    downgraded: [{ name: 'demo-down', source: 'pip', from: '2.0', to: '1.5' }],
  };

  it('finds the previous build in the out folder and says what moved', async () => {
    expect(second.built.reused).toBe(false);
    // Named by its commit tag, which means something to a reader of the manifest (not a local path).
    expect(second.changes.previous).toMatchObject({
      foundIn: 'out folder',
      gitSha: first.git.sha,
      reference: first.tags[1],
    });
    expect(second.changes.changes).toEqual(expected);
    const manifest = await readFile(second.files.manifest, 'utf8');
    expect(manifest).toContain('1 added, 1 removed, 1 upgraded, 1 downgraded.');
    expect(manifest).toContain('| downgraded | pip | `demo-down` | `2.0` | `1.5` |');
  });

  it.each([
    ['wiki', () => ['--previous-from', 'wiki', '--wiki-dir', wikiDir]],
    ['registry', () => ['--previous-from', 'registry']],
  ])('finds it in the %s when the out folder is new', async (source, extra) => {
    const fresh = await mkdtemp(path.join(os.tmpdir(), `stackhook-out-${source}-`));
    const record = await hook(fresh, ...extra());
    expect(record.changes.previous?.foundIn).toBe(source);
    expect(record.changes.previous?.reference).toMatch(
      source === 'wiki'
        ? /^wiki:manifests\/\d{4}\/\d{4}-\d{2}\/x86_64-default-plugin-child-[0-9a-f]{12}\.md$/
        : /@sha256:/,
    );
    expect(record.changes.changes).toEqual(expected);
  });

  it('says so when nothing is found', async () => {
    const fresh = await mkdtemp(path.join(os.tmpdir(), 'stackhook-out-none-'));
    const record = await hook(fresh, '--previous-from', 'out,wiki');
    expect(record.changes.previous).toBeUndefined();
    expect(await readFile(record.files.manifest, 'utf8')).toContain(
      'No previous build of this image and platform was found (looked in: out folder, wiki).',
    );
  });
});
