import { StackhookError } from '../errors/stackhook-error.js';
import { Graph, type GraphNode } from './graph.js';

// Listed out of order on purpose: the graph must sort, not keep insertion order.
const family: GraphNode[] = [
  { name: 'scipy-notebook', parent: 'minimal-notebook' },
  { name: 'r-notebook', parent: 'minimal-notebook' },
  { name: 'zeta-root' },
  { name: 'minimal-notebook', parent: 'base-notebook' },
  { name: 'base-notebook', parent: 'docker-stacks-foundation' },
  { name: 'docker-stacks-foundation' },
  { name: 'julia-notebook', parent: 'minimal-notebook' },
  { name: 'alpha-child', parent: 'zeta-root' },
];

function thrown(work: () => unknown): StackhookError {
  try {
    work();
  } catch (error) {
    expect(error).toBeInstanceOf(StackhookError);
    return error as StackhookError;
  }
  throw new Error('expected an error');
}

describe('Graph', () => {
  const graph = new Graph(family);

  it('computes levels in rounds, each sorted by name', () => {
    expect(graph.levels).toEqual([
      ['docker-stacks-foundation', 'zeta-root'],
      ['alpha-child', 'base-notebook'],
      ['minimal-notebook'],
      ['julia-notebook', 'r-notebook', 'scipy-notebook'],
    ]);
    expect(graph.names).toEqual(graph.levels.flat());
  });

  it('gives the same levels whatever the input order', () => {
    expect(new Graph([...family].reverse()).levels).toEqual(graph.levels);
  });

  it.each([
    ['docker-stacks-foundation', ['docker-stacks-foundation']],
    ['base-notebook', ['docker-stacks-foundation', 'base-notebook']],
    ['r-notebook', ['docker-stacks-foundation', 'base-notebook', 'minimal-notebook', 'r-notebook']],
    ['alpha-child', ['zeta-root', 'alpha-child']],
  ])('lineage(%s) runs from the root down', (name, lineage) => {
    expect(graph.lineage(name)).toEqual(lineage);
  });

  it.each([
    ['scipy-notebook', ['scipy-notebook']],
    ['minimal-notebook', ['minimal-notebook', 'julia-notebook', 'r-notebook', 'scipy-notebook']],
    ['zeta-root', ['zeta-root', 'alpha-child']],
    [
      'docker-stacks-foundation',
      [
        'docker-stacks-foundation',
        'base-notebook',
        'minimal-notebook',
        'julia-notebook',
        'r-notebook',
        'scipy-notebook',
      ],
    ],
  ])('subtree(%s) lists it and its descendants in level order', (name, subtree) => {
    expect(graph.subtree(name)).toEqual(subtree);
  });

  it.each([
    ['minimal-notebook', ['julia-notebook', 'r-notebook', 'scipy-notebook']],
    ['docker-stacks-foundation', ['base-notebook']],
    ['r-notebook', []],
    ['not-an-image', []],
  ])('children(%s) are sorted', (name, children) => {
    expect(graph.children(name)).toEqual(children);
  });

  it.each([
    ['base-notebook', 'docker-stacks-foundation', true],
    ['zeta-root', undefined, true],
    ['nope', undefined, false],
  ])('parent(%s) is %s, has() is %s', (name, parent, has) => {
    expect(graph.parent(name)).toBe(parent);
    expect(graph.has(name)).toBe(has);
  });

  it('draws a mermaid flowchart with safe node ids', () => {
    const small = new Graph([
      { name: 'base.notebook', parent: 'root' },
      { name: 'root' },
      { name: 'r-nb', parent: 'root' },
    ]);
    expect(small.mermaid()).toBe(
      [
        'flowchart TD',
        '  root["root"]',
        '  root --> base_notebook["base.notebook"]',
        '  root --> r_nb["r-nb"]',
      ].join('\n'),
    );
  });

  it('rejects an unknown parent, naming the image and the parent', () => {
    const error = thrown(
      () => new Graph([{ name: 'root' }, { name: 'child', parent: 'rot' }], 'stacks.yaml'),
    );
    expect(error.kind).toBe('input');
    expect(error.exitCode).toBe(2);
    expect(error.message).toBe('stacks.yaml: image child: unknown parent "rot"');
  });

  it.each<[string, GraphNode[], string, string]>([
    ['a self cycle', [{ name: 'a', parent: 'a' }], 'a -> a', 'a'],
    [
      'a two-image cycle',
      [
        { name: 'b', parent: 'a' },
        { name: 'a', parent: 'b' },
      ],
      'a -> b -> a',
      'a',
    ],
    [
      'a three-image cycle, written parent -> child',
      [
        { name: 'a', parent: 'c' },
        { name: 'b', parent: 'a' },
        { name: 'c', parent: 'b' },
      ],
      'a -> b -> c -> a',
      'a',
    ],
    [
      'a cycle next to a valid tree, with an image built from the cycle',
      [
        { name: 'root' },
        { name: 'leaf', parent: 'root' },
        { name: 'a-below-cycle', parent: 'c' },
        { name: 'c', parent: 'b' },
        { name: 'b', parent: 'c' },
      ],
      'b -> c -> b',
      'b',
    ],
  ])('reports %s with the images in it', (_label, nodes, cycle, first) => {
    const error = thrown(() => new Graph(nodes, 'stacks.yaml'));
    expect(error.kind).toBe('input');
    expect(error.description).toBe(`cycle in the hierarchy: ${cycle}`);
    expect(error.subject).toBe(`stacks.yaml: image ${first}`);
  });
});
