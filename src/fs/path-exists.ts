import { access } from 'node:fs/promises';

/** true when `file` can be reached (following links), false on any error. */
export function pathExists(file: string, mode?: number): Promise<boolean> {
  return access(file, mode).then(
    () => true,
    () => false,
  );
}
