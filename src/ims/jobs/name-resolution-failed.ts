/**
 * Whether a build's output says a host name did not resolve (wget's, apt's, curl's, zypper's words): on these
 * machines a short DNS outage under load fails a kiwi bootstrap that an attempt a moment later completes.
 */
export function nameResolutionFailed(printed: string): boolean {
  return /unable to resolve host address|Temporary failure (in name resolution|resolving)|Could not resolve host/.test(
    printed,
  );
}
