/** AMI's upper-case field names for the columns (the API and the AMI commands use them). */
export const SWTAG_FIELDS = [
  'ID',
  'TAGTYPE',
  'TAGNUMBER',
  'TAGNAME',
  'IMAGETYPE',
  'IMAGEARCH',
  'IMAGEPLATFORM',
  'IMAGECOMPILER',
  'PRODSTEP',
  'SWRELEASE',
  'DBRELEASE',
  'DISTSWRELEASE',
  'VERSION',
  'COMMENT',
  'CREATED',
  'CREATEDBY',
  'MODIFIED',
  'MODIFIEDBY',
] as const;

export const IMAGE_FIELDS = [
  'ID',
  'REGISTRY',
  'REPOSITORY_USER',
  'REPOSITORY_NAME',
  'REPOSITORY_SWTAG',
  'REPOSITORY_COUNTER',
  'HASH_DIGEST',
  'CREATED',
  'CREATEDBY',
  'MODIFIED',
  'MODIFIEDBY',
] as const;

/** A database row with AMI's names. */
export function toAmi(row: object): Record<string, unknown> {
  return Object.fromEntries(Object.entries(row).map(([key, value]) => [key.toUpperCase(), value]));
}

/** AMI-named fields' types with database column names: `{ HASH_DIGEST: string }` is `{ hash_digest: string }`. */
export type FromAmi<T> = { [K in keyof T as Lowercase<K & string>]: T[K] };

/** AMI-named fields to database columns (only the given ones). */
export function fromAmi<T extends object>(fields: Readonly<T>): FromAmi<T> {
  return Object.fromEntries(
    Object.entries(fields).map(([key, value]) => [key.toLowerCase(), value]),
  ) as FromAmi<T>;
}
