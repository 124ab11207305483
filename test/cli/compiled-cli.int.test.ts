import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { execa } from 'execa';
import type { BuildRecord } from '../../src/records/build-record.js';
import { fixtureRepo } from '../support/fixture-repo.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
// Under the project (node_modules must resolve), ignored by git.
const DIST = path.join(ROOT, '.stackhook', 'dist-test');

// What users of the published package run: compiled JS on plain node, no tsx loader. A TS plugin must still load
// (through tsx's tsImport), also from a repository that is not a "type": "module" package.
describe('the compiled CLI', () => {
  it('loads TS and JS plugins and tags with them', async () => {
    const tsc = path.join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc');
    await execa(process.execPath, [tsc, '-p', path.join(ROOT, 'tsconfig.build.json'), '--outDir', DIST]);
    const repo = await fixtureRepo('probe-stack');
    const args = [
      'hook',
      'plugin-child',
      '--hierarchy',
      'stacks.yaml',
      '--out',
      'out',
      '--previous-from',
      'out',
      '--json',
    ];
    const result = await execa(process.execPath, [path.join(DIST, 'src', 'cli', 'main.js'), ...args], {
      cwd: repo,
      reject: false,
      env: { STACKHOOK_STATE_DIR: path.join(ROOT, '.stackhook') },
    });
    if (result.exitCode !== 0) throw new Error(`hook failed (${result.exitCode}):\n${result.stderr}`);
    const record = JSON.parse(result.stdout) as BuildRecord;
    expect(record.probe.tags.find((tag) => tag.tagger === 'uid')?.value).toMatch(/^uid-\d+$/);
    expect(record.probe.sections).toContain('os-info');
  });
});
