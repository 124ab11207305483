import { z } from 'zod';

/** One test as it ran: an in-image command or a host-side suite. */
export const testCaseSchema = z.object({
  name: z.string(),
  /** The name with a digest of the definition that ran (testFingerprint): a changed command is tested again. */
  fingerprint: z.string().optional(),
  kind: z.enum(['run', 'host']),
  /** The image whose tests: defines it (an ancestor when inherited). */
  from: z.string(),
  /** What ran, placeholders expanded. */
  argv: z.array(z.string()),
  passed: z.boolean(),
  exitCode: z.number(),
  /** Why it failed: the exit code or the stdout regex. */
  failure: z.string().optional(),
  /** In-image commands ran together: each has the batch's duration. */
  durationMs: z.number(),
});
export type TestCase = z.infer<typeof testCaseSchema>;

/** The test stage's record for one image: every test of its lineage, and where the JUnit file is. */
export const testResultSchema = z.object({
  image: z.string(),
  /** true with --no-test: nothing ran. */
  skipped: z.boolean(),
  passed: z.number(),
  failed: z.number(),
  cases: z.array(testCaseSchema),
  /** The JUnit XML file under <out>/tests/, when a test ran. */
  junit: z.string().optional(),
  durationMs: z.number(),
});
export type TestResult = z.infer<typeof testResultSchema>;
