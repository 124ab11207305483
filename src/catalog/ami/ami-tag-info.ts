import type { SwTag } from '../swtag-repository.js';

/**
 * A SW-Tag as AMI's `amiTagInfo` rowset has a tag: pyAMI-atlas' `ami show ami-tag` titles it tagType + tagNumber,
 * so tagType is the name's letters (`sw`) and the catalog's own TAGTYPE is swTagType; the other fields carry the
 * SW-Tag document's argument names.
 */
export function amiTagInfo(tag: SwTag): Record<string, unknown> {
  return {
    tagType: tag.tagname.replace(/[0-9]+$/, ''),
    tagNumber: tag.tagnumber,
    swTagType: tag.tagtype,
    imageType: tag.imagetype,
    imageArch: tag.imagearch,
    imagePlatform: tag.imageplatform,
    imageCompiler: tag.imagecompiler,
    prodstep: tag.prodstep,
    swRelease: tag.swrelease,
    dbRelease: tag.dbrelease,
    distRelease: tag.distswrelease,
    version: tag.version,
    comment: tag.comment,
    created: tag.created,
    createdBy: tag.createdby,
    modified: tag.modified,
    modifiedBy: tag.modifiedby,
  };
}
