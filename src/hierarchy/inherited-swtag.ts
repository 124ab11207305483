import type { Hierarchy } from './hierarchy.js';
import type { InheritedSwTag, SwTagMappingField } from './swtag-mapping-field.js';

/** The mapping's fields, and the catalog column each fills; all but `comment` make the tag's identity. */
export const SWTAG_MAPPING_COLUMNS = {
  tagType: 'tagtype',
  imageType: 'imagetype',
  imageArch: 'imagearch',
  imagePlatform: 'imageplatform',
  imageCompiler: 'imagecompiler',
  prodStep: 'prodstep',
  swRelease: 'swrelease',
  dbRelease: 'dbrelease',
  distSwRelease: 'distswrelease',
  version: 'version',
  comment: 'comment',
} as const satisfies Record<SwTagMappingField, string>;

/** The stack's `swtag:`, then each ancestor's from the root down, then the image's own: the nearest wins. */
export function inheritedSwTag(hierarchy: Hierarchy, image: string): InheritedSwTag {
  const result: InheritedSwTag = { templates: {}, subjects: {} };
  const layers = [
    hierarchy.swtag,
    ...hierarchy.graph.lineage(image).map((name) => hierarchy.images.get(name)!.swtag),
  ];
  for (const layer of layers) {
    for (const [field, template] of Object.entries(layer.templates) as [SwTagMappingField, string][]) {
      if (template === undefined) continue;
      result.templates[field] = template;
      result.subjects[field] = layer.subjects[field];
    }
  }
  return result;
}

/** The identity fields an image's mapping leaves unset. */
export function missingSwTagFields(inherited: InheritedSwTag): SwTagMappingField[] {
  return (Object.keys(SWTAG_MAPPING_COLUMNS) as SwTagMappingField[]).filter(
    (field) => field !== 'comment' && inherited.templates[field] === undefined,
  );
}
