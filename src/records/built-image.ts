import { z } from 'zod';
import { platformSchema } from './platform-schema.js';

/** The build stage's record for one image, platform and variant. */
export const builtImageSchema = z.object({
  image: z.string(),
  platform: platformSchema,
  variant: z.string(),
  /** Local reference: <registry>/<owner>/<image>:<prefix>-latest. */
  reference: z.string(),
  imageId: z.string(),
  inputDigest: z.string(),
  parentImageId: z.string().optional(),
  /** true when an image with the same input digest existed and nothing was built. */
  reused: z.boolean(),
  /** For a root image: where its base came from. */
  base: z.object({ reference: z.string(), how: z.string() }).optional(),
  durationMs: z.number(),
});
export type BuiltImage = z.infer<typeof builtImageSchema>;
