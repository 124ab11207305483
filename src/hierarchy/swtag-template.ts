const PLACEHOLDER = /\{([^{}|]*)(?:\|([^{}]*))?\}/g;

/** What a SW-Tag field's template can name besides the image's taggers. */
export const SWTAG_BUILTIN_PLACEHOLDERS = ['image', 'platform', 'variant', 'registry', 'owner'] as const;

export const SWTAG_FILTERS = ['version'] as const;

export interface Placeholder {
  name: string;
  filter: string | undefined;
}

export function placeholders(template: string): Placeholder[] {
  return [...template.matchAll(PLACEHOLDER)].map(([, name, filter]) => ({ name: name!, filter }));
}

/**
 * Fills `{name}` and `{name|version}` from `lookup` (a tagger's value, or a built-in); `version` drops a leading
 * word and its dash (`python-3.11.2` → `3.11.2`, `debian-12` → `12`) and leaves a value without one alone.
 */
export function fillSwTagTemplate(template: string, lookup: (name: string) => string): string {
  return template.replace(PLACEHOLDER, (_, name: string, filter: string | undefined) => {
    const value = lookup(name);
    return filter === 'version' ? value.replace(/^[^\d-][^\d]*?-(?=\d)/, '') : value;
  });
}
