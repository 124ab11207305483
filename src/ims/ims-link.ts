/** Where an IMS record's artifact is: IMS's `link` object. */
export interface ImsLink {
  path: string;
  etag: string;
  type: 's3' | 'file';
}

/** The link to `key` in a store at `location` (`s3://bucket/prefix/` or a folder). */
export function linkTo(location: string, key: string, etag: string): ImsLink {
  return location.startsWith('s3://')
    ? { path: `${location.replace(/\/?$/, '/')}${key}`, etag, type: 's3' }
    : { path: `file://${location.replace(/\/$/, '')}/${key}`, etag, type: 'file' };
}

export function sameLink(a: ImsLink, b: ImsLink): boolean {
  return a.path === b.path && a.etag === b.etag && a.type === b.type;
}

/** The store key a link points at, or undefined when it points outside the store at `location`. */
export function keyOfLink(location: string, link: ImsLink): string | undefined {
  const base = linkTo(location, '', '').path;
  if (!link.path.startsWith(base)) return undefined;
  const key = link.path.slice(base.length);
  return key
    .split('/')
    .every((segment) => /^[A-Za-z0-9._-]+$/.test(segment) && segment !== '..' && segment !== '.')
    ? key
    : undefined;
}
