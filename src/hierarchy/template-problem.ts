const PLACEHOLDER = /\{([^{}]*)\}/g;

/** Why `template` can't be filled from `regex`'s groups ({0} the match, {1}.. numbered, {name} named), or undefined. */
export function templateProblem(template: string, regex: RegExp): string | undefined {
  const groups = new RegExp(`${regex.source}|`).exec('')!.length - 1;
  const named = new Set(Object.keys(new RegExp(`${regex.source}|`).exec('')!.groups ?? {}));
  for (const [, placeholder] of template.matchAll(PLACEHOLDER)) {
    const key = placeholder!;
    if (/^\d+$/.test(key) ? Number(key) > groups : !named.has(key))
      return `template placeholder {${key}} is not a group of the regex (it has ${groups} group(s)${named.size ? `: ${[...named].join(', ')}` : ''})`;
  }
  return undefined;
}

/** Fills a template from a regex match. */
export function fillTemplate(template: string, match: RegExpExecArray): string {
  return template.replace(PLACEHOLDER, (_, key: string) =>
    /^\d+$/.test(key) ? (match[Number(key)] ?? '') : (match.groups?.[key] ?? ''),
  );
}
