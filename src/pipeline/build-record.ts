import type { Platform } from '../hierarchy/platform.js';
import type { Package } from '../packages/package.js';
import type { ProbeResult, TagValue } from '../probe/probe-result.js';
import type { ChangesReport } from './changes-stage.js';

/** The build stage's record for one image, platform and variant. */
export interface BuiltImage {
  image: string;
  platform: Platform;
  variant: string;
  /** Local reference: <registry>/<owner>/<image>:<prefix>-latest. */
  reference: string;
  imageId: string;
  inputDigest: string;
  parentImageId: string | undefined;
  /** true when an image with the same input digest existed and nothing was built. */
  reused: boolean;
  /** For a root image: where its base came from. */
  base: { reference: string; how: string } | undefined;
  durationMs: number;
}

/** Everything `hook` learnt about one image; written to <out>/records/ and printed by --json. */
export interface BuildRecord {
  schema: 'stackhook.build-record/v1';
  image: string;
  platform: Platform;
  variant: string;
  tagPrefix: string;
  fullImage: string;
  buildTimestamp: string;
  git: { sha: string; message: string };
  built: BuiltImage;
  probe: {
    /** Each tag value as its tagger computed it (`raw`) and as used in the tag (`value`). */
    tags: TagValue[];
    skipped: ProbeResult['skipped'];
    sections: string[];
    commandsRun: number;
    durationMs: number;
  };
  /** Every installed package (apt, pip, R), sorted by source and name. */
  packages: Package[];
  /** What changed since the previous build of this image and platform. */
  changes: Omit<ChangesReport, 'markdown'>;
  /** Every reference applied locally, `<prefix>-latest` first (the tags file's lines). */
  tags: string[];
  files: { tags: string; manifest: string; history: string; record: string; sbom: string };
}
