import { inputError } from '../errors/stackhook-error.js';

export interface GraphNode {
  name: string;
  parent?: string | undefined;
}

/**
 * The image hierarchy as an explicit tree (each image has at most one parent). Levels are computed in rounds
 * (Kahn's algorithm); within a level images are sorted by name so every run walks them in the same order.
 */
export class Graph {
  private readonly parents = new Map<string, string | undefined>();
  private readonly childrenOf = new Map<string, string[]>();
  readonly levels: readonly (readonly string[])[];

  constructor(nodes: readonly GraphNode[], subject = 'hierarchy') {
    for (const node of nodes) {
      this.parents.set(node.name, node.parent);
      this.childrenOf.set(node.name, []);
    }
    for (const node of nodes) {
      if (node.parent === undefined) continue;
      const siblings = this.childrenOf.get(node.parent);
      if (!siblings) throw inputError(`unknown parent "${node.parent}"`, `${subject}: image ${node.name}`);
      siblings.push(node.name);
    }
    for (const siblings of this.childrenOf.values()) siblings.sort();
    this.levels = this.computeLevels(subject);
  }

  get names(): string[] {
    return this.levels.flat();
  }

  has(name: string): boolean {
    return this.parents.has(name);
  }

  parent(name: string): string | undefined {
    return this.parents.get(name);
  }

  children(name: string): readonly string[] {
    return this.childrenOf.get(name) ?? [];
  }

  /** The chain from the root down to `name`, both included. */
  lineage(name: string): string[] {
    const chain: string[] = [];
    for (let current: string | undefined = name; current !== undefined; current = this.parents.get(current)) {
      chain.unshift(current);
    }
    return chain;
  }

  /** `name` and everything built FROM it, in level order. */
  subtree(name: string): string[] {
    const members = new Set<string>();
    const visit = (node: string): void => {
      members.add(node);
      for (const child of this.children(node)) visit(child);
    };
    visit(name);
    return this.names.filter((node) => members.has(node));
  }

  /** A flowchart for docs and job summaries. */
  mermaid(): string {
    const lines = ['flowchart TD'];
    const id = (name: string): string => name.replace(/[^A-Za-z0-9_]/g, '_');
    for (const name of this.names) {
      const parent = this.parents.get(name);
      lines.push(
        parent === undefined ? `  ${id(name)}["${name}"]` : `  ${id(parent)} --> ${id(name)}["${name}"]`,
      );
    }
    return lines.join('\n');
  }

  private computeLevels(subject: string): string[][] {
    const levels: string[][] = [];
    const placed = new Set<string>();
    let frontier = [...this.parents.entries()]
      .filter(([, parent]) => parent === undefined)
      .map(([name]) => name);
    while (frontier.length > 0) {
      frontier.sort();
      levels.push(frontier);
      for (const name of frontier) placed.add(name);
      frontier = frontier.flatMap((name) => this.childrenOf.get(name) ?? []);
    }
    if (placed.size < this.parents.size) {
      const cycle = findCycle(this.parents)!;
      throw inputError(cycleDescription(cycle), `${subject}: image ${cycle[0]}`);
    }
    return levels;
  }
}

export function cycleDescription(cycle: readonly string[]): string {
  return `cycle in the hierarchy: ${[...cycle, cycle[0]].join(' -> ')}`;
}

/**
 * The images of a parent cycle, starting from the alphabetically first one (a stable message), or undefined.
 * Follows parent links from each image until one repeats; the repeated stretch is the cycle.
 */
export function findCycle(parents: ReadonlyMap<string, string | undefined>): string[] | undefined {
  for (const name of [...parents.keys()].sort()) {
    const path: string[] = [];
    let current: string | undefined = name;
    while (current !== undefined && parents.has(current) && !path.includes(current)) {
      path.push(current);
      current = parents.get(current);
    }
    if (current === undefined || !path.includes(current)) continue;
    const cycle = path.slice(path.indexOf(current)).reverse();
    const start = cycle.indexOf([...cycle].sort()[0]!);
    return [...cycle.slice(start), ...cycle.slice(0, start)];
  }
  return undefined;
}
