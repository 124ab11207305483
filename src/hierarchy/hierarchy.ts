import { inputError } from '../errors/stackhook-error.js';
import type { Graph } from './graph.js';
import type { Platform } from './platform.js';
import type { InheritedSwTag } from './swtag-mapping-field.js';
import type { BaseEntry, ManifestDefinition, TaggerDefinition } from './stacks-schema.js';
import type { ImageTest } from './image-test.js';

export const DEFAULT_VARIANT = 'default';

export interface VariantSpec {
  name: string;
  /** The image's context unless the variant has its own. */
  contextDir: string;
  dockerfile: string;
  buildArgs: Readonly<Record<string, string>>;
}

/** One image of the hierarchy, with every path made absolute and defaults filled in. */
export interface ImageSpec {
  name: string;
  description: string | undefined;
  parent: string | undefined;
  base: BaseEntry | undefined;
  contextDir: string;
  /** The default variant's Dockerfile; other variants have their own in `variants`. */
  dockerfile: string;
  buildArgs: Readonly<Record<string, string>>;
  /** Taggers and manifests this image adds to those it inherits from its parent. */
  ownTaggers: readonly string[];
  ownManifests: readonly string[];
  platforms: readonly Platform[];
  variants: ReadonlyMap<string, VariantSpec>;
  /** The tests this image defines itself (see inheritedTests). */
  ownTests: readonly ImageTest[];
  /** Its folder of host-side tests (absolute), when it has one. */
  testDir: string | undefined;
  /** The SW-Tag fields this image sets itself (see inheritedSwTag), with where each is written. */
  swtag: InheritedSwTag;
  /** Line of the image's key in the hierarchy file, for annotations. */
  line: number;
}

/** A tagger or manifest piece defined in the hierarchy file, with where it is, for errors. */
export interface ProbeDefinition<T> {
  name: string;
  definition: T;
  /** `file:line taggers.<name>` */
  subject: string;
}

export interface Hierarchy {
  file: string;
  rootDir: string;
  registry: string;
  owner: string;
  repository: string | undefined;
  licenses: string | undefined;
  /** Push destinations as written (host[:port][/owner]); empty: the registry the tags name. */
  registries: readonly string[];
  baseArg: string;
  /** Where `--register` writes (an http(s) URL, a SQLite file, a postgres:// URL), when the file says. */
  catalog: string | undefined;
  /** The SW-Tag fields every image starts from. */
  swtag: InheritedSwTag;
  images: ReadonlyMap<string, ImageSpec>;
  graph: Graph;
  taggerDefinitions: ReadonlyMap<string, ProbeDefinition<TaggerDefinition>>;
  manifestDefinitions: ReadonlyMap<string, ProbeDefinition<ManifestDefinition>>;
}

/** docker-stacks semantics: a child runs its ancestors' taggers and manifests, then its own, each once. */
export function inheritedTaggers(hierarchy: Hierarchy, image: string): string[] {
  return collect(hierarchy, image, (spec) => spec.ownTaggers);
}

export function inheritedManifests(hierarchy: Hierarchy, image: string): string[] {
  return collect(hierarchy, image, (spec) => spec.ownManifests);
}

function collect(
  hierarchy: Hierarchy,
  image: string,
  pick: (spec: ImageSpec) => readonly string[],
): string[] {
  const names = hierarchy.graph.lineage(image).flatMap((name) => pick(requireImage(hierarchy, name)));
  return [...new Set(names)];
}

export function requireImage(hierarchy: Hierarchy, image: string): ImageSpec {
  const spec = hierarchy.images.get(image);
  if (!spec) {
    const known = [...hierarchy.images.keys()].join(', ');
    throw inputError(`unknown image "${image}" (known: ${known})`, hierarchy.file);
  }
  return spec;
}
