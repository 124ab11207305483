import type { TSchema } from 'typebox';

/**
 * TypeBox object properties for a list of field names, each with `schemaOf(name)`, in the list's order. The
 * static type keeps each name (a const tuple of names gives an object type with exactly those keys).
 */
export function fieldProperties<const Field extends string, Schema extends TSchema>(
  fields: readonly Field[],
  schemaOf: (field: Field) => Schema,
): { [K in Field]: Schema } {
  return Object.fromEntries(fields.map((field) => [field, schemaOf(field)])) as { [K in Field]: Schema };
}
