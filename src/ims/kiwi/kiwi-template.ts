import { inputError } from '../../errors/stackhook-error.js';

const PLACEHOLDER = /\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}\}/g;
const XML_ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&apos;',
};

/**
 * A kiwi description with the recipe's template_dictionary applied: each `{{ key }}` becomes the key's value,
 * XML-escaped (a value is text or an attribute's value, never markup). A placeholder without a key is an
 * error naming it and `file`, rather than an empty string kiwi would build with.
 */
export function applyKiwiTemplate(
  text: string,
  dictionary: readonly { key: string; value: string }[],
  file: string,
): string {
  const values = new Map(dictionary.map(({ key, value }) => [key, value]));
  return text.replace(PLACEHOLDER, (_whole, key: string) => {
    const value = values.get(key);
    if (value === undefined)
      throw inputError(`{{ ${key} }} has no value: add template_dictionary key "${key}" to the recipe`, file);
    return value.replace(/[&<>"']/g, (character) => XML_ESCAPES[character]!);
  });
}
