import { z } from 'zod';
import { builtImageSchema } from './built-image.js';
import { changesSchema } from './changes.js';
import { packageSchema } from './package.js';
import { platformSchema } from './platform-schema.js';
import { skippedProbeSchema, tagValueSchema } from './tag-value.js';
import { testResultSchema } from './test-result.js';

/** Every file `hook` writes for one image under --out. */
export const buildFilesSchema = z.object({
  tags: z.string(),
  manifest: z.string(),
  history: z.string(),
  record: z.string(),
  sbom: z.string(),
});
export type BuildFiles = z.infer<typeof buildFilesSchema>;

/** Everything `hook` learnt about one image; written to <out>/records/ and printed by --json. */
export const buildRecordSchema = z.object({
  schema: z.literal('stackhook.build-record/v1'),
  image: z.string(),
  platform: platformSchema,
  variant: z.string(),
  tagPrefix: z.string(),
  fullImage: z.string(),
  buildTimestamp: z.string(),
  git: z.object({ sha: z.string(), message: z.string() }),
  built: builtImageSchema,
  /** The test stage's result (absent in records written before tests existed). */
  tests: testResultSchema.optional(),
  probe: z.object({
    /** Each tag value as its tagger computed it (`raw`) and as used in the tag (`value`). */
    tags: z.array(tagValueSchema),
    skipped: z.array(skippedProbeSchema),
    sections: z.array(z.string()),
    commandsRun: z.number(),
    durationMs: z.number(),
  }),
  /** Every installed package (apt, pip, R), sorted by source and name. */
  packages: z.array(packageSchema),
  /** What changed since the previous build of this image and platform. */
  changes: changesSchema,
  /** Every reference applied locally, `<prefix>-latest` first (the tags file's lines). */
  tags: z.array(z.string()),
  files: buildFilesSchema,
});
export type BuildRecord = z.infer<typeof buildRecordSchema>;
