import { z } from 'zod';
import { platformSchema } from './platform-schema.js';

/** One reference pushed to one registry. */
export const pushedReferenceSchema = z.object({
  registry: z.string(),
  reference: z.string(),
  digest: z.string(),
  attempts: z.number(),
});
export type PushedReference = z.infer<typeof pushedReferenceSchema>;

/** The push stage's record for one image and platform. */
export const pushedImageSchema = z.object({
  image: z.string(),
  platform: platformSchema,
  variant: z.string(),
  /** The manifest digest in the registries (the same image everywhere). */
  digest: z.string(),
  references: z.array(pushedReferenceSchema),
  durationMs: z.number(),
});
export type PushedImage = z.infer<typeof pushedImageSchema>;
