import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { StackhookError } from '../errors/stackhook-error.js';
import { loadHierarchy } from '../hierarchy/load-hierarchy.js';
import { builtinProbeSet, knownProbes } from '../probe/builtin-probe-set.js';
import { annotationsOf } from './annotation-of.js';

describe('annotationsOf', () => {
  it('points every problem of a hierarchy file at its line', async () => {
    const workspace = await mkdtemp(path.join(os.tmpdir(), 'stackhook-annotations-'));
    await mkdir(path.join(workspace, 'stack', 'images', 'a'), { recursive: true });
    await writeFile(path.join(workspace, 'stack', 'images', 'a', 'Dockerfile'), 'FROM scratch\n');
    const file = path.join(workspace, 'stack', 'stacks.yaml');
    await writeFile(file, 'images:\n  a:\n    taggers: [pyton]\n    manifests: [apt-pakages]\n');
    const error = (await loadHierarchy(file, knownProbes(builtinProbeSet())).catch(
      (caught) => caught,
    )) as StackhookError;
    const annotations = annotationsOf(error, workspace);
    expect(annotations.map((annotation) => annotation.properties)).toEqual([
      { title: 'stackhook', file: 'stack/stacks.yaml', startLine: 3 },
      { title: 'stackhook', file: 'stack/stacks.yaml', startLine: 4 },
    ]);
    expect(annotations[0]!.message).toMatch(/images\.a\.taggers\.0 \(image a\): unknown tagger "pyton"/);
    expect(annotations[1]!.message).toMatch(/unknown manifest "apt-pakages"/);
  });

  it('keeps other errors whole, details included', () => {
    const error = new StackhookError({
      kind: 'stage',
      description: 'build failed',
      subject: 'image a',
      details: 'RUN false\nexit 1',
    });
    expect(annotationsOf(error, '/w')).toEqual([
      { message: 'image a: build failed\nRUN false\nexit 1', properties: { title: 'stackhook' } },
    ]);
  });
});
