import { inputError } from '../errors/stackhook-error.js';

/**
 * Checks an artifact key: relative, `/`-separated segments of letters, digits, `._-`, none of them `.` or `..`,
 * so no key reaches outside the store's folder or prefix, whatever a caller passed in.
 */
export function artifactKey(key: string): string {
  const segments = key.split('/');
  const bad = segments.find(
    (segment) => !/^[A-Za-z0-9._-]+$/.test(segment) || segment === '.' || segment === '..',
  );
  if (key.length > 1024 || bad !== undefined)
    throw inputError(
      `not an artifact key: "${key}" (relative path of [A-Za-z0-9._-] segments, no . or ..)`,
      'artifact',
    );
  return key;
}
