/**
 * A registry on this machine, which speaks plain HTTP as podman's and Docker's default insecure local
 * registries do (TLS is neither tried first nor verified there).
 */
export function isLocalRegistry(host: string): boolean {
  return /^(localhost|127\.0\.0\.1|\[::1\])(:\d+)?$/.test(host);
}
