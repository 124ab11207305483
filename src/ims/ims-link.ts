import { StackhookError } from '../errors/stackhook-error.js';

/** Where an IMS record's artifact is: IMS's `link` object. */
export interface ImsLink {
  path: string;
  etag: string;
  type: 's3' | 'file';
}

/** A link as a client may send it: Cray's etag is optional (see completeLink). */
export type ImsLinkInput = Omit<ImsLink, 'etag'> & { etag?: string };

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
export function keyOfLink(location: string, link: Pick<ImsLink, 'path'>): string | undefined {
  const base = linkTo(location, '', '').path;
  if (!link.path.startsWith(base)) return undefined;
  const key = link.path.slice(base.length);
  return key
    .split('/')
    .every((segment) => /^[A-Za-z0-9._-]+$/.test(segment) && segment !== '..' && segment !== '.')
    ? key
    : undefined;
}

/** IMS's link rule: a record's link is set once; the same link again is fine; another one is a 409. */
export function requireSameLinkIfAny(current: ImsLink | null, link: ImsLink, subject: string): void {
  if (current && !sameLink(current, link)) {
    throw new StackhookError({
      kind: 'input',
      status: 409,
      // The current link is not echoed: on a filesystem store its path is one of the service machine's.
      description: `${subject} already has a link (etag ${current.etag}): a link can't be changed`,
      subject,
    });
  }
}

/** A row's link columns as IMS's link object (null until set). */
export function linkOfRow(row: {
  link_path: string | null;
  link_etag: string | null;
  link_type: string | null;
}): ImsLink | null {
  return row.link_path && row.link_etag !== null && row.link_type
    ? { path: row.link_path, etag: row.link_etag, type: row.link_type as ImsLink['type'] }
    : null;
}

export function linkColumns(link: ImsLink | null) {
  return link ? { link_path: link.path, link_etag: link.etag, link_type: link.type } : {};
}
