import { StackhookError } from '../errors/stackhook-error.js';

// What podman (containers/image) prints when the registry refused us for good. Status codes only count next
// to the words registries put around them, never as digits anywhere (a tag such as r-4.3.403 is not a 403).
const FATAL =
  /\b(401|403|404) (Unauthorized|Forbidden|Not Found)\b|status code from registry (401|403|404)\b|unexpected HTTP status: (401|403|404)\b|unauthorized|invalid username\/password|authentication required|denied|manifest unknown|name unknown|blob unknown to registry/i;
// A registry or network that may answer next time.
const TRANSIENT =
  /connection refused|connection reset|broken pipe|\bEOF\b|i\/o timeout|TLS handshake timeout|no route to host|server misbehaving|status code from registry (5\d\d|429)\b|unexpected HTTP status: (5\d\d|429)\b|\b(5\d\d|429) (Internal Server Error|Bad Gateway|Service Unavailable|Gateway Timeout|Too Many Requests)\b|too many requests|toomanyrequests/i;

/** What podman printed for a failed push or login: its stderr, not our description (which names the tag). */
function failureText(error: unknown): string {
  if (error instanceof StackhookError) return error.details ?? '';
  return String((error as Error)?.message ?? error);
}

/**
 * A push failure worth retrying: connection refused or reset, 5xx, 429. 401/403/404 never are (a wrong password
 * or a missing repository does not fix itself), nor is anything unrecognised.
 */
export function isTransientPushFailure(error: unknown): boolean {
  const text = failureText(error);
  if (FATAL.test(text)) return false;
  return TRANSIENT.test(text);
}
