import { isMap, isScalar, LineCounter, parseDocument, type Document, type Node } from 'yaml';

/** A parsed YAML file that can say on which line a key path sits. */
export class YamlLocator {
  private constructor(
    private readonly document: Document,
    private readonly lines: LineCounter,
  ) {}

  static parse(text: string): { locator: YamlLocator; errors: { message: string; line: number }[] } {
    const lines = new LineCounter();
    const document = parseDocument(text, { lineCounter: lines, uniqueKeys: true, prettyErrors: false });
    const locator = new YamlLocator(document, lines);
    const errors = document.errors.map((error) => ({
      message: error.message.split('\n')[0] ?? error.message,
      line: error.linePos?.[0]?.line ?? 1,
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

  private lineAt(node: Node | null | undefined): number | undefined {
    const offset = node?.range?.[0];
    return offset === undefined ? undefined : this.lines.linePos(offset).line;
  }
}
