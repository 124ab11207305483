/** What a host-side test's argv template may name; `{dirs}` stands alone and becomes one arg per folder. */
export const TEST_PLACEHOLDERS = ['dirs', 'registry', 'owner', 'image', 'reference'] as const;

export interface TestCommandValues {
  /** The test folders of the image's lineage, root first. */
  dirs: readonly string[];
  registry: string;
  owner: string;
  image: string;
  /** The built image's local reference (`<registry>/<owner>/<image>:<prefix>-latest`). */
  reference: string;
}

const PLACEHOLDER = /\{([^{}]*)\}/g;

/** What is wrong with argument `index` of a template, or undefined. */
export function testTemplateProblem(argv: readonly string[]): { index: number; message: string } | undefined {
  for (const [index, arg] of argv.entries()) {
    for (const [whole, name] of arg.matchAll(PLACEHOLDER)) {
      if (!(TEST_PLACEHOLDERS as readonly string[]).includes(name!))
        return {
          index,
          message: `unknown placeholder ${whole} (known: ${TEST_PLACEHOLDERS.map((p) => `{${p}}`).join(', ')})`,
        };
      if (name === 'dirs' && arg !== whole)
        return { index, message: '{dirs} expands to one argument per folder: it must be a whole argument' };
    }
  }
  return undefined;
}

/** The argv to run: `{dirs}` becomes zero or more args, the other placeholders are replaced inside their arg. */
export function expandTestCommand(argv: readonly string[], values: TestCommandValues): string[] {
  return argv.flatMap((arg) =>
    arg === '{dirs}'
      ? [...values.dirs]
      : [arg.replace(PLACEHOLDER, (whole, name: string) => scalar(values, name) ?? whole)],
  );
}

function scalar(values: TestCommandValues, name: string): string | undefined {
  if (name === 'registry' || name === 'owner' || name === 'image' || name === 'reference')
    return values[name];
  return undefined;
}
