const SAFE = /^[A-Za-z0-9_@%+=:,./-]+$/;

/** argv as a person would type it in a POSIX shell. For display in manifests and errors only, never run. */
export function displayCommand(argv: readonly string[]): string {
  return argv.map((arg) => (SAFE.test(arg) ? arg : `'${arg.replace(/'/g, `'\\''`)}'`)).join(' ');
}
