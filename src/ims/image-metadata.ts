import { inputError } from '../errors/stackhook-error.js';

/** One of Cray's image metadata PATCH operations. */
export type MetadataOperation =
  { operation: 'set'; key: string; value?: string } | { operation: 'remove'; key: string; value?: string };

/** The most annotations one image keeps. */
export const MOST_METADATA_KEYS = 64;

/**
 * Metadata after one operation: `set` a key (to '' without a value, as Cray's), `remove` one (a key that is
 * not there is no error, as Cray's). More than MOST_METADATA_KEYS keys is refused, naming the field.
 */
export function changedMetadata(
  metadata: Readonly<Record<string, string>>,
  change: MetadataOperation,
): Record<string, string> {
  // A Map, and fromEntries: a key is only ever an own property (`__proto__` included).
  const changed = new Map(Object.entries(metadata));
  if (change.operation === 'remove') changed.delete(change.key);
  else changed.set(change.key, change.value ?? '');
  if (changed.size > MOST_METADATA_KEYS)
    throw inputError(`metadata: an image keeps at most ${MOST_METADATA_KEYS} keys`, 'metadata');
  return Object.fromEntries(changed);
}

/**
 * A POST's metadata as a string map. Cray's ImageCreateRecord shows it as one `{"key", "value"}` pair, and
 * Cray's server turns an object with a `key` into that one entry: so does this.
 */
export function createdMetadata(
  metadata: Readonly<Record<string, string>> | undefined,
): Record<string, string> {
  if (!metadata) return {};
  const key = Object.hasOwn(metadata, 'key') ? metadata.key : undefined;
  if (key === undefined) return Object.fromEntries(Object.entries(metadata));
  return Object.fromEntries([[key, Object.hasOwn(metadata, 'value') ? metadata.value! : '']]);
}
