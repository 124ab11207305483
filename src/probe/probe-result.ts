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
  sections: ManifestSection[];
  /** Distinct commands run in the container (each once, however many probes asked for it). */
  commandsRun: number;
  durationMs: number;
}
