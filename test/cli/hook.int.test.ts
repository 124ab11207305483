import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { execa } from 'execa';
import type { BuildRecord } from '../../src/records/build-record.js';
import { fixtureRepo } from '../support/fixture-repo.js';
import { podmanJson, readFromImage } from '../support/podman-run.js';
import { runCli } from '../support/run-cli.js';

let repo: string;
let out: string;
let record: BuildRecord;

beforeAll(async () => {
  repo = await fixtureRepo('probe-stack');
  out = path.join(repo, 'out');
  const result = await runCli(
    ['hook', 'probe-root', '--hierarchy', 'stacks.yaml', '--out', out, '--json'],
    repo,
  );
  if (result.exitCode !== 0) throw new Error(`hook failed (${result.exitCode}):\n${result.stderr}`);
  record = JSON.parse(result.stdout) as BuildRecord;
});

describe('stackhook hook on real podman', () => {
  it('computes every tag as a value read independently from the container', async () => {
    const sha = (await execa('git', ['rev-parse', 'HEAD'], { cwd: repo })).stdout.trim();
    const python = await readFromImage(record.built.imageId, [
      'python3',
      '-c',
      'import platform; print(platform.python_version())',
    ]);
    const osRelease = await readFromImage(record.built.imageId, ['cat', '/etc/os-release']);
    const id = /^ID=(.*)$/m.exec(osRelease)?.[1];
    const versionId = /^VERSION_ID="?([^"\n]*)"?$/m.exec(osRelease)?.[1];
    const [major, minor] = python.split('.');
    expect(record.probe.tags.map((tag) => [tag.tagger, tag.value])).toEqual([
      ['sha', sha.slice(0, 12)],
      ['date', record.buildTimestamp.slice(0, 10)],
      ['os', `${id}-${versionId}`],
      ['python-major-minor', `python-${major}.${minor}`],
      ['python', `python-${python}`],
    ]);
    expect(record.buildTimestamp.slice(0, 10)).toBe(new Date().toISOString().slice(0, 10));
    // python and python-major-minor share `python3 --version`; the package listers reuse the manifest
    // commands and add only R's listing: 5 distinct commands in all.
    expect(record.probe.commandsRun).toBe(5);
  });

  it('applies every tag locally to the built image', async () => {
    expect(record.tags[0]).toBe('localhost:5000/stackhook-test/probe-root:x86_64-latest');
    const inspected = await podmanJson<{ Id: string }[]>(['image', 'inspect', ...record.tags]);
    expect(new Set(inspected.map((image) => image.Id))).toEqual(new Set([record.built.imageId]));
  });

  it('writes the tags file, manifest, history line and record in docker-stacks formats', async () => {
    const short = record.git.sha.slice(0, 12);
    expect((await readdir(path.join(out, 'tags'))).sort()).toEqual(['x86_64-default-probe-root.txt']);
    expect(await readFile(record.files.tags, 'utf8')).toBe(record.tags.join('\n'));
    expect(path.basename(record.files.manifest)).toBe(`x86_64-default-probe-root-${short}.md`);
    const manifest = await readFile(record.files.manifest, 'utf8');
    expect(
      manifest.startsWith(
        `# Build manifest for image: probe-root:${short}\n\n## Build Info\n\n- Build timestamp: ${record.buildTimestamp}\n`,
      ),
    ).toBe(true);
    expect(manifest).toContain('- Docker image: `localhost:5000/stackhook-test/probe-root:' + short + '`');
    expect(manifest).toContain('fixture: first build');
    const pip = await readFromImage(record.built.imageId, ['python3', '-m', 'pip', '--version']);
    expect(manifest).toMatch(
      new RegExp(
        `## Python Packages\\n\\nPython \\d+\\.\\d+\\.\\d+\\n\\n\`python3 -m pip list[^\`]*\`:\\n\\n\`\`\`text\\n[\\s\\S]*\\npip +${pip.split(' ')[1]!.replace(/\./g, '\\.')}\\n`,
      ),
    );
    expect(manifest).toMatch(
      /## Apt Packages\n\n`apt list --installed`:\n\n```text\n[\s\S]*\npython3\/\S+ \S+ amd64 \[installed/,
    );
    expect(manifest.endsWith('```\n')).toBe(true);
    const history = await readFile(record.files.history, 'utf8');
    expect(history).toMatch(
      new RegExp(
        `^\\| \`${record.buildTimestamp}\` \\| \`localhost:5000/stackhook-test/probe-root:x86_64-${short}\`<br />`,
      ),
    );
    expect(history).toContain(`[Build manifest](./x86_64-default-probe-root-${short})`);
    expect(JSON.parse(await readFile(record.files.record, 'utf8'))).toEqual(record);
  });

  it('reuses an unchanged image and rebuilds a child FROM it', async () => {
    const again = await runCli(
      ['hook', 'probe-child', '--hierarchy', 'stacks.yaml', '--out', out, '--json'],
      repo,
    );
    expect(again.exitCode).toBe(0);
    const child = JSON.parse(again.stdout) as BuildRecord;
    expect(again.stderr).toMatch(/probe-root: unchanged .* reusing/);
    expect(child.built.parentImageId).toBe(record.built.imageId);
    // The child inherits its parent's taggers; their values are read again from the child's own container.
    expect(child.probe.tags.map((tag) => tag.tagger)).toEqual(record.probe.tags.map((tag) => tag.tagger));
    expect(await readFromImage(child.built.imageId, ['cat', '/etc/greeting.txt'])).toBe(
      'hello from probe-child',
    );
  });

  it('names tags and files with the variant, as docker-stacks does', async () => {
    const result = await runCli(
      [
        'hook',
        'probe-child',
        '--hierarchy',
        'stacks.yaml',
        '--out',
        out,
        '--variant',
        'slim',
        '--platform',
        'x86_64',
        '--json',
      ],
      repo,
    );
    expect(result.exitCode).toBe(0);
    const slim = JSON.parse(result.stdout) as BuildRecord;
    const short = slim.git.sha.slice(0, 12);
    const image = 'localhost:5000/stackhook-test/probe-child';
    expect(slim.tagPrefix).toBe('x86_64-slim');
    expect(slim.tags.slice(0, 2)).toEqual([`${image}:x86_64-slim-latest`, `${image}:x86_64-slim-${short}`]);
    expect(path.basename(slim.files.tags)).toBe('x86_64-slim-probe-child.txt');
    expect(path.basename(slim.files.manifest)).toBe(`x86_64-slim-probe-child-${short}.md`);
    expect(await readFile(slim.files.history, 'utf8')).toContain(`\`${image}:x86_64-slim-${short}\`<br />`);
    // The variant's own Dockerfile was built: it has the label and not the default variant's file.
    const [inspected] = await podmanJson<{ Labels: Record<string, string> }[]>([
      'image',
      'inspect',
      slim.tags[0]!,
    ]);
    expect(inspected!.Labels.variant).toMatch(/^slim/);
  });

  it('builds a variant with its own context from that folder', async () => {
    const result = await runCli(
      ['hook', 'probe-child', '--hierarchy', 'stacks.yaml', '--out', out, '--variant', 'own', '--json'],
      repo,
    );
    expect(result.exitCode).toBe(0);
    const own = JSON.parse(result.stdout) as BuildRecord;
    expect(own.tagPrefix).toBe('x86_64-own');
    // The file is the variant folder's, not the image folder's greeting.txt.
    expect(await readFromImage(own.built.imageId, ['cat', '/etc/greeting.txt'])).toBe('hello variant');
  });

  it.each([
    [['--platform', 'sparc'], '--platform: unknown platform "sparc" (x86_64, aarch64, arm64)'],
    [['--variant', 'gpu'], 'image probe-child has no variant "gpu" (has: default, slim, own)'],
  ])('rejects %j with exit 2', async (extra, message) => {
    const result = await runCli(
      ['hook', 'probe-child', '--hierarchy', 'stacks.yaml', '--out', out, ...extra],
      repo,
    );
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toContain(message);
  });
});
