// The design map's layers and the no-circles rule, checked the way `npm run lint` checks them: the repository's
// own ESLint config on code placed in a folder, and the circle check (as a process: dpdm is CommonJS needing an
// ES-module chalk, which jest's module loader can't load) on a small tree with one circle.
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ESLint } from 'eslint';
import { execa } from 'execa';

const eslint = new ESLint({ cwd: process.cwd() });
const TSX = path.resolve('node_modules/tsx/dist/cli.mjs');
const CHECK = path.resolve('scripts/check-import-cycles.ts');

async function layerErrors(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: path.resolve(file) });
  return result!.messages.filter((message) => message.ruleId === 'stackhook/layers').map((m) => m.message);
}

describe('layers (npm run lint)', () => {
  it.each([
    [
      'src/records/upward.ts',
      "import { main } from '../cli/main.js';",
      'src/records (layer 2) may not import src/cli (layer 13)',
    ],
    [
      'src/engine/sub/deep.ts',
      "export { x } from '../../catalog/catalog-plugin.js';",
      'src/engine (layer 3) may not import src/catalog (layer 7)',
    ],
    [
      'src/catalog/upward.ts',
      "const m = await import('../ims/ims-plugin.js');",
      'src/catalog (layer 7) may not import src/ims (layer 11)',
    ],
    [
      'taggers/upward.ts',
      "import type { X } from '../src/pipeline/hook.js';",
      'taggers (layer 4) may not import src/pipeline (layer 9)',
    ],
    [
      'src/probe/reach.ts',
      "import { x } from '../../test/support/run-cli.js';",
      'src/probe (layer 4) may not import test/support/run-cli.js',
    ],
  ])('refuses %s importing upward', async (file, code, expected) => {
    const errors = await layerErrors(file, `${code}\nexport const y = 1;\n`);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toContain(expected);
  });

  it.each([
    ['src/cli/down.ts', "import { inputError } from '../errors/stackhook-error.js';"],
    ['src/registry/same-line.ts', "import { latestManifest } from '../wiki/latest-manifest.js';"],
    ['src/catalog/ami/inside.ts', "import { x } from '../swtag-fields.js';"],
    [
      'src/sbom/helper.test.ts',
      "import { validateCycloneDx } from '../../test/support/validate-cyclonedx.js';",
    ],
  ])('lets %s import its own line and the lines above', async (file, code) => {
    expect(await layerErrors(file, `${code}\nexport const y = 1;\n`)).toEqual([]);
  });

  it('names a folder that is in no layer', async () => {
    const errors = await layerErrors('src/newthing/x.ts', 'export const y = 1;\n');
    expect(errors).toEqual([expect.stringContaining('src/newthing is in no layer of the design map')]);
  });
});

describe('import circles (npm run lint)', () => {
  let root: string;
  beforeAll(async () => {
    root = await mkdtemp(path.join(tmpdir(), 'stackhook-cycles-'));
    await mkdir(path.join(root, 'src/a'), { recursive: true });
    await writeFile(
      path.join(root, 'tsconfig.json'),
      JSON.stringify({ compilerOptions: { module: 'NodeNext', moduleResolution: 'NodeNext' } }),
    );
    await writeFile(
      path.join(root, 'src/a/one.ts'),
      "import type { Two } from './two.js';\nexport type One = Two[];\n",
    );
    await writeFile(
      path.join(root, 'src/a/two.ts'),
      "import type { One } from './one.js';\nexport type Two = { one?: One };\n",
    );
    await writeFile(
      path.join(root, 'src/a/three.ts'),
      "import type { One } from './one.js';\nexport const three: One = [];\n",
    );
  });
  afterAll(() => rm(root, { recursive: true, force: true }));

  const checkCycles = () =>
    execa(process.execPath, [TSX, CHECK], { cwd: root, reject: false, env: { NO_COLOR: '1' } });

  it('fails on a circle of type-only imports and names its files', async () => {
    const check = await checkCycles();
    expect(check.exitCode).toBe(1);
    expect(check.stderr).toMatch(
      /import circle: src\/a\/(one|two)\.ts -> src\/a\/(one|two)\.ts -> src\/a\/\1\.ts/,
    );
    expect(check.stderr).toContain('1 import circle(s)');
  });

  it('fails on an import it cannot follow (a circle through it would go unseen)', async () => {
    await writeFile(
      path.join(root, 'src/a/three.ts'),
      "import { gone } from './gone.js';\nexport const three = gone;\n",
    );
    const check = await checkCycles();
    expect(check.exitCode).toBe(1);
    expect(check.stderr).toContain('import not followed: src/a/three.ts: ./gone.js');
    await writeFile(
      path.join(root, 'src/a/three.ts'),
      "import type { One } from './one.js';\nexport const three: One = [];\n",
    );
  });

  it('passes a tree without one', async () => {
    await writeFile(path.join(root, 'src/a/two.ts'), 'export type Two = { one?: number };\n');
    const check = await checkCycles();
    expect(check.stderr).toBe('');
    expect(check.exitCode).toBe(0);
  });
});
