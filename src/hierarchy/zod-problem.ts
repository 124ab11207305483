import type { z } from 'zod';

/** A zod issue as a key path and a message; unknown keys get their own name onto the path. */
export function zodProblem(issue: z.core.$ZodIssue): { path: PropertyKey[]; message: string } {
  if (issue.code === 'unrecognized_keys') {
    return {
      path: [...issue.path, issue.keys[0] ?? ''],
      message: `unknown key(s): ${issue.keys.join(', ')}`,
    };
  }
  return { path: issue.path, message: issue.message };
}
