import { z } from 'zod';
import { packageSchema, packageSourceSchema } from './package.js';

/** The build an image's packages were compared with, and where it was found (its packages left out). */
export const previousBuildAboutSchema = z.object({
  foundIn: z.enum(['out folder', 'wiki', 'registry']),
  /** A record or manifest file, or an image reference with its digest. */
  reference: z.string(),
  buildTimestamp: z.string().optional(),
  gitSha: z.string().optional(),
  /**
   * The package sources its listing covers, when not all (a wiki manifest lists what its pieces printed: one
   * with conda-environment instead of python-packages has no pip list). Other sources are not compared.
   */
  sources: z.array(packageSourceSchema).optional(),
});
export type PreviousBuildAbout = z.infer<typeof previousBuildAboutSchema>;

export const versionChangeSchema = z.object({
  name: z.string(),
  source: packageSourceSchema,
  from: z.string(),
  to: z.string(),
});
export type VersionChange = z.infer<typeof versionChangeSchema>;

/** What changed in an image's packages since its previous build. */
export const packageChangesSchema = z.object({
  added: z.array(packageSchema),
  removed: z.array(packageSchema),
  upgraded: z.array(versionChangeSchema),
  downgraded: z.array(versionChangeSchema),
});
export type PackageChanges = z.infer<typeof packageChangesSchema>;

/** The changes stage's record: the previous build found (if any) and what changed since. */
export const changesSchema = z.object({
  previous: previousBuildAboutSchema.optional(),
  changes: packageChangesSchema.optional(),
});
export type Changes = z.infer<typeof changesSchema>;
