import { cycloneDxSbom } from '../sbom/cyclonedx-sbom.js';
import type { OsRelease } from '../probe/os-release.js';
import type { BuildRecord } from '../records/build-record.js';
import { toolVersion } from './tool-version.js';

/** The image's CycloneDX 1.5 SBOM file, from what its record says. */
export function sbomContent(record: BuildRecord, os: OsRelease | undefined): string {
  const bom = cycloneDxSbom({
    image: record.image,
    fullImage: record.fullImage,
    imageId: record.built.imageId,
    tags: record.tags,
    os,
    packages: record.packages,
    timestamp: record.buildTimestamp,
    gitSha: record.git.sha,
    toolVersion: toolVersion(),
  });
  return `${JSON.stringify(bom, null, 2)}\n`;
}
