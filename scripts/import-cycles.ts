// Import circles in the layered code, found by dpdm. Type-only imports count too: a circle of types still ties
// two modules together (and is how a runtime circle starts).
import path from 'node:path';
import { parseCircular, parseDependencyTree } from 'dpdm';

export const LAYERED_CODE = ['src/**/*.ts', 'taggers/**/*.ts', 'manifests/**/*.ts'];

export interface ImportGraphCheck {
  cycles: string[][];
  /** Relative imports dpdm could not follow: a circle through them would go unseen, so they fail the check too. */
  unresolved: string[];
}

export async function importCycles(
  root: string,
  patterns: readonly string[] = LAYERED_CODE,
): Promise<ImportGraphCheck> {
  // The tsconfig is what maps `./x.js` to `./x.ts`; without it dpdm follows nothing and finds no circle.
  const tree = await parseDependencyTree([...patterns], {
    context: root,
    cwd: root,
    tsconfig: path.join(root, 'tsconfig.json'),
    transform: false,
    skipDynamicImports: false,
    onProgress: () => undefined,
  });
  const unresolved = Object.entries(tree).flatMap(([file, dependencies]) =>
    (dependencies ?? [])
      .filter((dependency) => dependency.id === null && dependency.request.startsWith('.'))
      .map((dependency) => `${file}: ${dependency.request}`),
  );
  return { cycles: parseCircular(tree), unresolved };
}
