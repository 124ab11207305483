import type { SwTagMapping } from './stacks-schema.js';

/** A field of a `swtag:` mapping (tagType, swRelease, ...). */
export type SwTagMappingField = keyof SwTagMapping;

// Not in inherited-swtag.ts: Hierarchy holds each image's own templates and that file reads a Hierarchy.
/** An image's SW-Tag templates and, for each, where it was written (`file:line key`), for errors. */
export interface InheritedSwTag {
  templates: Partial<Record<SwTagMappingField, string>>;
  subjects: Partial<Record<SwTagMappingField, string>>;
}
