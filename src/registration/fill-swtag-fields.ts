import { fieldErrors } from '../catalog/field-errors.js';
import { updateSwTagBody } from '../catalog/routes/swtag-schemas.js';
import type { SwTagFields } from '../catalog/swtag-fields.js';
import { stageError } from '../errors/stackhook-error.js';
import { SWTAG_MAPPING_COLUMNS } from '../hierarchy/inherited-swtag.js';
import type { InheritedSwTag, SwTagMappingField } from '../hierarchy/swtag-mapping-field.js';
import { fillSwTagTemplate } from '../hierarchy/swtag-template.js';
import type { BuildRecord } from '../records/build-record.js';

/** The built-in placeholders' values for one image. */
export interface SwTagContext {
  registry: string;
  owner: string;
}

/**
 * An image's SW-Tag fields from its mapping and what its taggers found (each tagger's value as in its tag,
 * e.g. `python-3.11.2`). A placeholder whose tagger gave nothing (a "when present" tool that is not there), or a
 * field that comes out empty, fails naming the image and where the field is written.
 */
export function fillSwTagFields(
  inherited: InheritedSwTag,
  record: BuildRecord,
  context: SwTagContext,
): SwTagFields {
  const builtins: Record<string, string> = {
    image: record.image,
    platform: record.platform,
    variant: record.variant,
    registry: context.registry,
    owner: context.owner,
  };
  const fields: Record<string, string> = {};
  for (const [field, template] of Object.entries(inherited.templates) as [SwTagMappingField, string][]) {
    const subject = inherited.subjects[field];
    const value = fillSwTagTemplate(template, (name) => {
      const found = builtins[name] ?? record.probe.tags.find((tag) => tag.tagger === name)?.raw;
      if (found === undefined) {
        throw stageError(
          `the ${name} tagger found nothing in image ${record.image}, so its SW-Tag ${field} can't be filled`,
          subject,
        );
      }
      return found;
    }).trim();
    if (value === '' && field !== 'comment')
      throw stageError(`image ${record.image}'s SW-Tag ${field} came out empty`, subject);
    const column = SWTAG_MAPPING_COLUMNS[field];
    // The catalog's grammar, before any write: a tagger's value could hold a line break or a control character.
    const [problem] = Object.values(fieldErrors(updateSwTagBody, { [column.toUpperCase()]: value }));
    if (problem)
      throw stageError(
        `image ${record.image}'s SW-Tag ${field} ${JSON.stringify(value)} ${problem}`,
        subject,
      );
    fields[column] = value;
  }
  return fields as unknown as SwTagFields;
}
