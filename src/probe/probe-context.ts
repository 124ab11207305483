import type { GitInfo } from '../git/git-info.js';

/** What taggers may know besides the commands they run: the commit and the clock (both read on the host). */
export interface ProbeContext {
  git: GitInfo;
  now: Date;
}

/** What manifest pieces may know: the image as built. */
export interface ManifestContext extends ProbeContext {
  /** Short name, e.g. base-notebook. */
  image: string;
  /** registry/owner/image, without a tag. */
  fullImage: string;
  imageSizeBytes: number;
  /** YYYY-MM-DDTHH:MM:SSZ, shared by the manifest and the history line. */
  buildTimestamp: string;
  /** GitHub owner/name for links, when known. */
  repository: string | undefined;
}
