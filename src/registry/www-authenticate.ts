/** A WWW-Authenticate challenge: `Basic realm="..."` or `Bearer realm="...",service="...",scope="..."`. */
export interface Challenge {
  scheme: 'basic' | 'bearer';
  realm?: string;
  service?: string;
  scope?: string;
}

export function parseWwwAuthenticate(header: string | null): Challenge | undefined {
  const match = /^(Basic|Bearer)\b(.*)$/i.exec(header?.trim() ?? '');
  if (!match) return undefined;
  const parameters = Object.fromEntries(
    [...match[2]!.matchAll(/(\w+)="([^"]*)"/g)].map(([, key, value]) => [key!.toLowerCase(), value!]),
  );
  return { scheme: match[1]!.toLowerCase() as Challenge['scheme'], ...parameters };
}
