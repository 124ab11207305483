import { z } from 'zod';

/**
 * One test of an image in stacks.yaml: `run` (argv inside the built image, batched with the others in one
 * container) or `host` (an argv template run on the host, e.g. docker-stacks' pytest suite with its
 * `{dirs}`, `{registry}`, `{owner}`, `{image}`, `{reference}`). `exit` is the expected exit code, `stdout` a
 * regular expression its output must match, `timeout` the seconds after which it is killed and fails.
 */
export const testDefinitionSchema = z
  .strictObject({
    name: z
      .string()
      .regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, 'a test name is letters, digits, ".", "_" and "-"'),
    run: z.array(z.string()).min(1).optional(),
    host: z.array(z.string()).min(1).optional(),
    exit: z.number().int().min(0).max(255).default(0),
    stdout: z.string().min(1).optional(),
    // No default here: the definition is fingerprinted, and records written before this field existed stay valid.
    timeout: z.number().positive().max(86_400).optional(),
  })
  .superRefine((test, context) => {
    if ((test.run === undefined) === (test.host === undefined))
      context.addIssue({ code: 'custom', message: 'a test needs exactly one of run, host' });
  });

export type TestDefinition = z.infer<typeof testDefinitionSchema>;

/**
 * Seconds a test may run when its definition sets no `timeout`: a command in the image 10 minutes, a host suite
 * (docker-stacks' pytest starts containers, and under emulation an aarch64 image's suite is slow) an hour.
 */
export const DEFAULT_TEST_TIMEOUT_SECONDS = { run: 600, host: 3600 } as const;
