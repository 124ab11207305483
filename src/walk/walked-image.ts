import type { BuildRecord } from '../records/build-record.js';
import type { BuiltImage } from '../records/built-image.js';
import type { PushedImage } from '../records/pushed-image.js';
import type { RegisteredImage } from '../records/registered-image.js';

/** What a walk did with one image, and why. */
export interface WalkedImage {
  image: string;
  /** Which of its variants this build is (`default`, or one of its `variants:`). */
  variant: string;
  /** built: podman built it; reused: its input digest was unchanged; failed; skipped (its parent failed). */
  status: 'built' | 'reused' | 'failed' | 'skipped';
  /** Why it failed or was skipped, or how it was reused. */
  reason: string | undefined;
  /** The JUnit report of an image that failed its tests. */
  junit?: string;
  /** false when the record of an unchanged image was reused without probing it again. */
  probed: boolean;
  durationMs: number;
  record: BuildRecord | undefined;
  /** The build stage's record (its durationMs is the build alone), when the build succeeded. */
  built?: BuiltImage | undefined;
  /** With `walk --push`: where its tags went. */
  pushed?: PushedImage | undefined;
  /** With `walk --register`: its SW-Tag and catalog entries. */
  registered?: RegisteredImage | undefined;
}

export interface WalkResult {
  images: WalkedImage[];
  durationMs: number;
}
