import type { Package } from '../packages/package.js';

/** A tag value as a tagger computed it (`raw`) and as it is used in a tag (`value`, sanitised to OCI rules). */
export interface TagValue {
  tagger: string;
  raw: string;
  value: string;
}

export interface ManifestSection {
  name: string;
  markdown: string;
}

/** What one probe container told about an image. */
export interface ProbeResult {
  tags: TagValue[];
  /** "When present" taggers and manifest pieces whose tool is not in the image. */
  skipped: { kind: 'tagger' | 'manifest'; name: string }[];
  sections: ManifestSection[];
  /** Every installed package the package listers found (apt, pip, R). */
  packages: Package[];
  /** ID and VERSION_ID of /etc/os-release, when the image has one. */
  os: { id: string; versionId: string } | undefined;
  /** Distinct commands run in the container (each once, however many probes asked for it). */
  commandsRun: number;
  durationMs: number;
}
