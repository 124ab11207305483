import { StackhookError } from '../errors/stackhook-error.js';

// What podman (containers/image) prints when the registry refused us for good.
const FATAL =
  /\b(401|403|404)\b|unauthorized|invalid username\/password|authentication required|denied|not found|manifest unknown|name unknown/i;
// A registry or network that may answer next time.
const TRANSIENT =
  /connection refused|connection reset|broken pipe|\bEOF\b|i\/o timeout|timeout|TLS handshake|no route to host|\b5\d\d\b|\b429\b|too many requests|service unavailable|bad gateway|gateway timeout|server misbehaving/i;

/** The text podman printed for a failed push (description and stderr tail). */
function failureText(error: unknown): string {
  if (error instanceof StackhookError) return `${error.description}\n${error.details ?? ''}`;
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
