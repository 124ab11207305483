import { inputError } from '../errors/stackhook-error.js';

/**
 * Where `stackhook ami` posts: the URL itself when it already names an AMI endpoint (pyAMI's `-e` URLs end in
 * /AMI/FrontEnd or /AMI2/FrontEnd), else `ami/command` under its path, so a catalog behind a path-prefix proxy
 * (https://host/stackhook/) is reached there rather than at the host's root.
 */
export function amiEndpoint(catalog: string): URL {
  const url = URL.canParse(catalog) ? new URL(catalog) : undefined;
  if (!url || !/^https?:$/.test(url.protocol))
    throw inputError(`${JSON.stringify(catalog)} is not an http(s) URL of a catalog`, '-e/--catalog');
  if (/\/(AMI2?\/FrontEnd|ami\/command)\/?$/.test(url.pathname)) return url;
  if (!url.pathname.endsWith('/')) url.pathname += '/';
  return new URL('ami/command', url);
}
