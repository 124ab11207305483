import { z } from 'zod';

/** A tag value as a tagger computed it (`raw`) and as it is used in a tag (`value`, sanitised to OCI rules). */
export const tagValueSchema = z.object({ tagger: z.string(), raw: z.string(), value: z.string() });
export type TagValue = z.infer<typeof tagValueSchema>;

/** "When present" taggers and manifest pieces whose tool is not in the image. */
export const skippedProbeSchema = z.object({ kind: z.enum(['tagger', 'manifest']), name: z.string() });
export type SkippedProbe = z.infer<typeof skippedProbeSchema>;
