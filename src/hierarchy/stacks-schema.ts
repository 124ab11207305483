import { z } from 'zod';
import { testDefinitionSchema } from './test-schema.js';

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
  /** The variant's own build context (relative to the hierarchy file): docker-stacks builds images/<image>/<variant>/. */
  context: name.optional(),
  /** Relative to the variant's context when it has one, else to the image's (default <variant>/Dockerfile). */
  dockerfile: name.optional(),
  buildArgs: buildArgs.default({}),
});

/**
 * How an image's SW-Tag fields are filled (AMI's AddSWTag argument names): text with `{placeholders}` for tagger
 * values and `{image}`, `{platform}`, `{variant}`, `{registry}`, `{owner}`; `{tagger|version}` drops the word
 * before the version (`python-3.11.2` → `3.11.2`).
 */
export const swTagMappingSchema = z.strictObject({
  tagType: name.optional(),
  imageType: name.optional(),
  imageArch: name.optional(),
  imagePlatform: name.optional(),
  imageCompiler: name.optional(),
  prodStep: name.optional(),
  swRelease: name.optional(),
  dbRelease: name.optional(),
  distSwRelease: name.optional(),
  version: name.optional(),
  comment: z.string().optional(),
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
  /** This image's SW-Tag fields, over its parent's and the stack's `swtag:` (for `--register`). */
  swtag: swTagMappingSchema.optional(),
  /** Tests this image adds to its ancestors' (one of the same name replaces the ancestor's). */
  tests: z.array(testDefinitionSchema).default([]),
  /** This image's folder of host-side tests, relative to the stack file (default: tests/by_image/<image>, if there). */
  testDir: name.optional(),
});

const TAGGER_KINDS = ['pip', 'apt', 'command', 'module'] as const;

/** A tagger defined in stacks.yaml: a pip or apt package's version, a command + regex + template, or a module. */
export const taggerDefinitionSchema = z
  .strictObject({
    pip: name.optional(),
    apt: name.optional(),
    command: z.array(z.string()).min(1).optional(),
    regex: z.string().optional(),
    template: z.string().optional(),
    module: name.optional(),
    /** The module's export to use (default: `default`); a function export is called with `options`. */
    export: name.optional(),
    options: z.record(z.string(), z.unknown()).optional(),
    /** pip/apt: the tag's word before the version (default: the package name). */
    prefix: z.string().optional(),
    /** apt: upstream version only (default) or the full Debian version. */
    version: z.enum(['upstream', 'full']).optional(),
    /** pip: keep a local version label such as +cpu (docker-stacks drops it). */
    keepLocalVersion: z.boolean().optional(),
    /** No tag, rather than an error, when the package or tool is missing or the regex does not match. */
    optional: z.boolean().default(false),
  })
  .superRefine((definition, context) => {
    const kinds = TAGGER_KINDS.filter((kind) => definition[kind] !== undefined);
    if (kinds.length !== 1) {
      context.addIssue({
        code: 'custom',
        message: `a tagger needs exactly one of ${TAGGER_KINDS.join(', ')} (found ${kinds.join(', ') || 'none'})`,
      });
    }
    if (definition.command !== undefined && definition.regex === undefined)
      context.addIssue({ code: 'custom', path: ['regex'], message: 'a command tagger needs a regex' });
  });

/** A manifest piece defined in stacks.yaml: commands whose output is quoted under a title, or a module. */
export const manifestDefinitionSchema = z
  .strictObject({
    title: z.string().min(1).optional(),
    commands: z.array(z.array(z.string()).min(1)).min(1).optional(),
    module: name.optional(),
    export: name.optional(),
    options: z.record(z.string(), z.unknown()).optional(),
    /** No section, rather than an error, when a command fails (its tool is not installed). */
    optional: z.boolean().default(false),
  })
  .superRefine((definition, context) => {
    if ((definition.commands === undefined) === (definition.module === undefined))
      context.addIssue({ code: 'custom', message: 'a manifest piece needs exactly one of commands, module' });
    if (definition.commands !== undefined && definition.title === undefined)
      context.addIssue({
        code: 'custom',
        path: ['title'],
        message: 'a commands manifest piece needs a title',
      });
  });

export const stacksSchema = z.strictObject({
  registry: name.default('localhost:5000'),
  owner: name.default('stackhook'),
  /** GitHub `owner/name` used for commit and Dockerfile links in manifests. */
  repository: z.string().optional(),
  /** Where `push` and `walk --push` send the images: host[:port][/owner] (default: `registry` and `owner`). */
  registries: z.array(name).default([]),
  /** SPDX license expression for the images' org.opencontainers.image.licenses label. */
  licenses: z.string().min(1).optional(),
  /** The build arg through which an image receives its parent (or its base). */
  baseArg: name.default('BASE_IMAGE'),
  platforms: z.array(platform).min(1).default(['x86_64']),
  /** Taggers and manifest pieces of this stack, used by name from `images` like the built-in ones. */
  taggers: z.record(z.string(), taggerDefinitionSchema).default({}),
  manifests: z.record(z.string(), manifestDefinitionSchema).default({}),
  /** The SW-Tag catalog `--register` writes to: an http(s) URL, a SQLite file or a postgres:// URL. */
  catalog: name.optional(),
  /** SW-Tag fields every image starts from (see swTagMappingSchema). */
  swtag: swTagMappingSchema.default({}),
  images: z.record(z.string(), imageSchema),
});

export type StacksFile = z.infer<typeof stacksSchema>;
export type ImageEntry = z.infer<typeof imageSchema>;
export type BaseEntry = z.infer<typeof baseSchema>;
export type TaggerDefinition = z.infer<typeof taggerDefinitionSchema>;
export type ManifestDefinition = z.infer<typeof manifestDefinitionSchema>;
export type SwTagMapping = z.infer<typeof swTagMappingSchema>;
