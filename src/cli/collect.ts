/** commander's accumulator for a repeatable option (`--registry a --registry b`). */
export function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}
