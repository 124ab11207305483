import type { Problem } from '../../service/problems/error-problem.js';

/**
 * What ad-build's draft answers on an error, beside the problem details: `error` (their server's member) and
 * `errorMessage` (the draft's), both the problem's detail. `status` stays the problem's HTTP status (RFC 7807
 * types it a number; their scripts read the status code), so the draft's string status is not repeated here.
 */
export function draftProblemFields(problem: Problem): { error: string; errorMessage: string } {
  return { error: problem.detail, errorMessage: problem.detail };
}
