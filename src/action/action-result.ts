import type { BuildRecord } from '../pipeline/build-record.js';
import type { BuildPlan } from '../plan/build-plan.js';
import type { MergedImage } from '../registry/merged-image.js';
import type { PushedImage } from '../registry/pushed-image.js';
import type { RegisteredImage } from '../registration/registered-image.js';
import type { Published } from '../wiki/publish-wiki.js';

/** Everything the commands of an Action run printed, by kind: what the outputs and the job summary are made of. */
export interface ActionResult {
  records: BuildRecord[];
  pushed: PushedImage[];
  registered: RegisteredImage[];
  merged: MergedImage[];
  plan: BuildPlan | undefined;
  published: Published | undefined;
}

export const emptyResult = (): ActionResult => ({
  records: [],
  pushed: [],
  registered: [],
  merged: [],
  plan: undefined,
  published: undefined,
});

/** hook and walk print a record with what was pushed and registered beside it, when they did. */
type DescribedRecord = BuildRecord & { pushed?: PushedImage; registered?: RegisteredImage };

/** Files a command's JSON (`stackhook <command> --json`) under its kind. */
export function collectResult(result: ActionResult, command: string, printed: string): void {
  if (!printed.trim()) return;
  const value = JSON.parse(printed) as unknown;
  switch (command) {
    case 'plan':
      result.plan = value as BuildPlan;
      return;
    case 'hook':
    case 'walk':
      for (const record of command === 'hook' ? [value as DescribedRecord] : (value as DescribedRecord[])) {
        const { pushed, registered, ...rest } = record;
        result.records.push(rest as BuildRecord);
        if (pushed) result.pushed.push(pushed);
        if (registered) result.registered.push(registered);
      }
      return;
    case 'push':
      result.pushed.push(value as PushedImage);
      return;
    case 'register':
      result.registered.push(...(value as RegisteredImage[]));
      return;
    case 'merge':
      result.merged.push(...(value as MergedImage[]));
      return;
    case 'publish':
      result.published = value as Published;
      return;
  }
}
