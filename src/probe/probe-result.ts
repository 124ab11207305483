import type { Package } from '../records/package.js';
import type { SkippedProbe, TagValue } from '../records/tag-value.js';
import type { OsRelease } from './os-release.js';

export interface ManifestSection {
  name: string;
  markdown: string;
}

/** What one probe container told about an image. */
export interface ProbeResult {
  tags: TagValue[];
  /** "When present" taggers and manifest pieces whose tool is not in the image. */
  skipped: SkippedProbe[];
  sections: ManifestSection[];
  /** Every installed package the package listers found (apt, pip, R). */
  packages: Package[];
  /** ID and VERSION_ID of /etc/os-release, when the image has one. */
  os: OsRelease | undefined;
  /** Distinct commands run in the container (each once, however many probes asked for it). */
  commandsRun: number;
  durationMs: number;
}
