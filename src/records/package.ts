import { z } from 'zod';

/** Where an installed package came from: Debian's package database, Python's installed distributions, R's libraries. */
export const packageSourceSchema = z.enum(['apt', 'pip', 'R']);
export type PackageSource = z.infer<typeof packageSourceSchema>;

/** One installed package, as listed in the BuildRecord, the SBOM and the "Changes since the previous build" section. */
export const packageSchema = z.object({
  name: z.string(),
  version: z.string(),
  source: packageSourceSchema,
  /** Debian architecture (amd64, arm64, all) for apt packages. */
  architecture: z.string().optional(),
});
export type Package = z.infer<typeof packageSchema>;
