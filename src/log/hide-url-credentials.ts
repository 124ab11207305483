/**
 * A location to show in logs: a URL's user and password (`postgres://u:p@host/db`, `https://u:p@host`) become
 * `***`, parsed as a URL so a password holding `@` is hidden whole; the password is returned too, for the
 * log's secrets. Anything that is not a URL with credentials (a file path) is shown as it is.
 */
export function hideUrlCredentials(location: string): { display: string; password: string | undefined } {
  let url: URL;
  try {
    url = new URL(location);
  } catch {
    return { display: location, password: undefined };
  }
  if (!url.username && !url.password) return { display: location, password: undefined };
  const password = url.password ? decodeURIComponent(url.password) : undefined;
  url.username = '';
  url.password = '';
  const display = url.toString().replace(`${url.protocol}//`, `${url.protocol}//***@`);
  return { display, password };
}
