import { z } from 'zod';

const name = z.string().min(1);
const buildArgs = z.record(z.string(), z.string());
const platform = z.enum(['x86_64', 'aarch64']);

export const debootstrapSchema = z.strictObject({
  suite: name,
  variant: z.string().default('minbase'),
  mirror: z.string().url().optional(),
});

/** Where a root image comes from: an image reference, or a Debian root made with debootstrap when it can't be pulled. */
export const baseSchema = z.strictObject({
  image: name,
  debootstrap: debootstrapSchema.optional(),
});

export const variantSchema = z.strictObject({
  dockerfile: name.optional(),
  buildArgs: buildArgs.default({}),
});

export const imageSchema = z.strictObject({
  description: z.string().optional(),
  parent: name.optional(),
  base: baseSchema.optional(),
  context: name.optional(),
  dockerfile: name.optional(),
  buildArgs: buildArgs.default({}),
  taggers: z.array(name).default([]),
  manifests: z.array(name).default([]),
  platforms: z.array(platform).min(1).optional(),
  variants: z.record(z.string(), variantSchema).default({}),
});

export const stacksSchema = z.strictObject({
  registry: name.default('localhost:5000'),
  owner: name.default('stackhook'),
  /** GitHub `owner/name` used for commit and Dockerfile links in manifests. */
  repository: z.string().optional(),
  /** The build arg through which an image receives its parent (or its base). */
  baseArg: name.default('BASE_IMAGE'),
  platforms: z.array(platform).min(1).default(['x86_64']),
  images: z.record(z.string(), imageSchema),
});

export type StacksFile = z.infer<typeof stacksSchema>;
export type ImageEntry = z.infer<typeof imageSchema>;
export type BaseEntry = z.infer<typeof baseSchema>;
