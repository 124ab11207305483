import type { TInteger, TOptional, TString } from 'typebox';
import * as Type from '../../service/schemas/type.js';
import { catalogInteger } from '../catalog-field-grammar.js';

/**
 * A search's filters: any of `fields` as an exact match, optional; the `integers` among them as catalog integers,
 * the others as text. Typed per name: `ID?: number`, `TAGNAME?: string` ...
 */
export function searchProperties<const Field extends string, const Integer extends Field>(
  fields: readonly Field[],
  integers: readonly Integer[],
): { [K in Field]: TOptional<K extends Integer ? TInteger : TString> } {
  const isInteger = (field: Field): field is Integer => (integers as readonly Field[]).includes(field);
  return Object.fromEntries(
    fields.map((field) => [
      field,
      Type.Optional(isInteger(field) ? catalogInteger() : Type.String({ maxLength: 512 })),
    ]),
  ) as { [K in Field]: TOptional<K extends Integer ? TInteger : TString> };
}
