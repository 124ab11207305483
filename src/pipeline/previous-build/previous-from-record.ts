import path from 'node:path';
import type { BuildRecord } from '../../records/build-record.js';
import type { PreviousBuild } from './previous-build.js';

/**
 * The previous build of an image from its BuildRecord in the out folder (written by the last `hook`), as the
 * out folder read it: the record, or why there is none usable.
 */
export function previousFromRecord(found: BuildRecord | string): PreviousBuild | string {
  if (typeof found === 'string') return found;
  return {
    foundIn: 'out folder',
    // Its commit tag (<image>:<prefix>-<sha12>) names it for a reader of the manifest; a local path would not.
    reference: found.tags[1] ?? path.basename(found.files.record),
    buildTimestamp: found.buildTimestamp,
    gitSha: found.git.sha,
    packages: found.packages,
  };
}
