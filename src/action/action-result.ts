import type { BuildPlan } from '../plan/build-plan.js';
import type { BuildRecord } from '../records/build-record.js';
import type { MergedImage } from '../records/merged-image.js';
import type { PushedImage } from '../records/pushed-image.js';
import type { RegisteredImage } from '../records/registered-image.js';
import type { Published } from '../wiki/publish-wiki.js';

/** What failed: an image of a walk, or the command that stopped the run. */
export interface ActionFailure {
  subject: string;
  reason: string;
  /** The JUnit report of an image that failed its tests. */
  junit?: string;
}

/** Everything the commands of an Action run returned, by kind: what the outputs and the job summary are made of. */
export interface ActionResult {
  records: BuildRecord[];
  pushed: PushedImage[];
  registered: RegisteredImage[];
  merged: MergedImage[];
  plan: BuildPlan | undefined;
  published: Published | undefined;
  failures: ActionFailure[];
}

export const emptyResult = (): ActionResult => ({
  records: [],
  pushed: [],
  registered: [],
  merged: [],
  plan: undefined,
  published: undefined,
  failures: [],
});
