/** `owner/name` as GitHub spells repositories (not a path like `../stack.wiki` or a URL). */
export function isGitHubRepositoryName(text: string): boolean {
  return /^[A-Za-z0-9][\w-]*\/[\w.-]+$/.test(text) && !text.endsWith('.') && !/\/\.\.?$/.test(text);
}
