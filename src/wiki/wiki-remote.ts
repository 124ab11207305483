import { existsSync } from 'node:fs';
import path from 'node:path';
import { inputError } from '../errors/stackhook-error.js';

export interface WikiRemote {
  /** What git is given: an absolute path for a local repository, else the URL as written. */
  url: string;
  /** For logs and errors: credentials someone wrote into the URL are masked. */
  display: string;
  /** A token written into an https URL (https://<token>@host/...): taken out of the URL, sent as the header. */
  token?: string;
}

const URL_LIKE = /^[a-z][a-z0-9+.-]*:\/\//i;
const SCP_LIKE = /^(?:[^@/\s]+@)?[^/:\s]+:/;

/** `--wiki`: a local (bare) repository path, or any URL git accepts (https://, ssh://, git@host:path). */
export function resolveWikiRemote(wiki: string, cwd: string = process.cwd()): WikiRemote {
  if (!wiki.trim()) throw inputError('the wiki repository is empty', '--wiki');
  if (URL_LIKE.test(wiki) || (SCP_LIKE.test(wiki) && !existsSync(path.resolve(cwd, wiki)))) {
    const display = wiki.replace(/^([a-z][a-z0-9+.-]*:\/\/)[^/@]*@/i, '$1***@');
    const userInfo = /^https?:\/\/([^/@]*)@/i.exec(wiki)?.[1];
    if (userInfo === undefined) return { url: wiki, display };
    // Kept in the URL it would reach git's argv and .git/config.
    const [user, ...password] = decodeURIComponent(userInfo).split(':');
    const url = wiki.replace(/^(https?:\/\/)[^/@]*@/i, '$1');
    return { url, display, token: password.join(':') || user };
  }
  const local = path.resolve(cwd, wiki);
  if (!existsSync(local)) {
    throw inputError('the wiki repository is neither an existing folder nor a git URL', wiki);
  }
  return { url: local, display: local };
}

/** Credentials written into a URL: secrets to keep out of messages like the token (an https user may be a token). */
export function urlSecrets(url: string): string[] {
  const match = /^([a-z][a-z0-9+.-]*):\/\/([^/@]*)@/i.exec(url);
  if (!match) return [];
  const [, scheme, userInfo] = match as unknown as [string, string, string];
  const password = userInfo.split(':').slice(1).join(':');
  if (password) return [userInfo, password];
  return /^https?$/i.test(scheme) ? [userInfo] : [];
}
