import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Document, type Node } from 'yaml';

export interface YamlProblem {
  message: string;
  line: number;
  /** Keys from the document root to where the problem is; empty when it is not inside a mapping. */
  path: (string | number)[];
}

/** A parsed YAML file that can say on which line a key path sits. */
export class YamlLocator {
  private constructor(
    private readonly document: Document,
    private readonly lines: LineCounter,
  ) {}

  static parse(text: string): { locator: YamlLocator; errors: YamlProblem[] } {
    const lines = new LineCounter();
    const document = parseDocument(text, { lineCounter: lines, uniqueKeys: true, prettyErrors: false });
    const locator = new YamlLocator(document, lines);
    // With prettyErrors off, `linePos` is never filled in: the line comes from the error's offset.
    const errors = document.errors.map((error) => ({
      message: error.message.split('\n')[0] ?? error.message,
      line: lines.linePos(error.pos[0]).line,
      path: locator.pathAt(error.pos[0]),
    }));
    return { locator, errors };
  }

  toJS(): unknown {
    return this.document.toJS();
  }

  /** The line of the deepest existing node on `path` (1-based). */
  lineOf(path: readonly PropertyKey[]): number {
    let node: unknown = this.document.contents;
    let line = 1;
    for (const key of path) {
      if (!isMap(node) && !(node && typeof node === 'object' && 'items' in node)) break;
      const collection = node as { items: unknown[] };
      const pair = isMap(node)
        ? node.items.find((item) => isScalar(item.key) && String(item.key.value) === String(key))
        : undefined;
      if (pair) {
        line = this.lineAt(pair.key as Node) ?? line;
        node = pair.value;
        continue;
      }
      const item = typeof key === 'number' ? collection.items[key] : undefined;
      if (!item) break;
      line = this.lineAt(item as Node) ?? line;
      node = item;
    }
    return line;
  }

  /** The key path of the deepest key or value that contains the character `offset` (e.g. a duplicate key). */
  pathAt(offset: number): (string | number)[] {
    const within = (candidate: unknown): boolean => {
      const range = (candidate as Node | null | undefined)?.range;
      return !!range && range[0] <= offset && offset < Math.max(range[2], range[0] + 1);
    };
    const path: (string | number)[] = [];
    let node: unknown = this.document.contents;
    while (isMap(node) || isSeq(node)) {
      if (isMap(node)) {
        const pair = node.items.find((item) => within(item.key) || within(item.value));
        if (!pair || !isScalar(pair.key)) break;
        path.push(String(pair.key.value));
        if (!within(pair.value)) break;
        node = pair.value;
      } else {
        const index = node.items.findIndex((item) => within(item));
        if (index < 0) break;
        path.push(index);
        node = node.items[index];
      }
    }
    return path;
  }

  private lineAt(node: Node | null | undefined): number | undefined {
    const offset = node?.range?.[0];
    return offset === undefined ? undefined : this.lines.linePos(offset).line;
  }
}
