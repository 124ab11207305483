import { parsePaxRecords } from './tar-header.js';

/** What extended headers say of the entry after them. */
export interface NextEntry {
  path?: string;
  linkpath?: string;
  size?: number;
}

const cString = (data: Buffer) => data.toString('utf8').replace(/\0.*$/s, '');

/**
 * What extended headers set for the next entry, merged. Readers disagree on which of two wins (Python's tarfile,
 * ad-build's unpacker, keeps the first, this reader kept the last): one thing set twice is refused.
 */
function nextEntry(next: NextEntry, set: NextEntry, refuse: (why: string) => Error): NextEntry {
  for (const key of Object.keys(set) as (keyof NextEntry)[])
    if (next[key] !== undefined) throw refuse(`names an entry in two extended headers (${key} twice)`);
  return { ...next, ...set };
}

/**
 * A pax header's records that name or size the next entry. Refused: a global header's (other readers apply them
 * to every later entry), GNU.sparse.* (other readers take GNU.sparse.name for the name; sparse files are not
 * taken), and a size that is no count of bytes (a negative one would take bytes off the limit).
 */
function paxOverrides(
  records: Record<string, string>,
  global: boolean,
  refuse: (why: string) => Error,
): NextEntry {
  const sparse = Object.keys(records).find((key) => key.startsWith('GNU.sparse.'));
  if (sparse) throw refuse(`has an extended header with ${sparse} (sparse files are not taken)`);
  const keys = (['path', 'linkpath', 'size'] as const).filter((key) => Object.hasOwn(records, key));
  if (global && keys.length > 0)
    throw refuse(`has a global extended header that sets ${keys[0]!} (for every entry after it)`);
  const size = records.size;
  if (size !== undefined && !/^\d{1,16}$/.test(size))
    throw refuse(`has an extended header whose size is no count of bytes (${size.slice(0, 40)})`);
  return {
    ...(Object.hasOwn(records, 'path') && { path: records.path }),
    ...(Object.hasOwn(records, 'linkpath') && { linkpath: records.linkpath }),
    ...(size !== undefined && { size: Number(size) }),
  };
}

/** `next` with what the extended header (`L`/`K` GNU long name/link, `x`/`g` pax) of `type` and `data` sets. */
export function withExtendedHeader(
  next: NextEntry,
  type: string,
  data: Buffer,
  refuse: (why: string) => Error,
): NextEntry {
  if (type === 'L' || type === 'K')
    return nextEntry(next, { [type === 'L' ? 'path' : 'linkpath']: cString(data) }, refuse);
  return nextEntry(next, paxOverrides(parsePaxRecords(data), type === 'g', refuse), refuse);
}
