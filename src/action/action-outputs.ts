import type { ActionResult } from './action-result.js';

/** The Action's outputs from what its commands printed (every value a string, as GitHub wants them). */
export function actionOutputs(result: ActionResult): Record<string, string> {
  const pushedReferences = result.pushed.flatMap((pushed) =>
    pushed.references.map((reference) => reference.reference),
  );
  const digests: Record<string, string> = {};
  for (const pushed of result.pushed) digests[pushed.image] = pushed.digest;
  for (const merged of result.merged)
    for (const tag of merged.tags)
      digests[`${merged.image}:${tag.reference.slice(tag.reference.lastIndexOf(':') + 1)}`] = tag.digest;
  const records = result.records.map((record) => ({
    ...record,
    pushed: result.pushed.find(
      (pushed) => pushed.image === record.image && pushed.platform === record.platform,
    ),
    registered: result.registered.find((registered) => registered.image === record.image),
  }));
  return {
    tags: (pushedReferences.length > 0
      ? pushedReferences
      : result.records.flatMap((record) => record.tags)
    ).join('\n'),
    digests: JSON.stringify(digests),
    json: JSON.stringify(records),
    matrix: JSON.stringify(result.plan?.matrix ?? {}),
    levels: JSON.stringify(result.plan?.levels ?? []),
    // Image names, once each: a variant's build is one of its image's (merge and register take the variant).
    images: (result.plan
      ? [...new Set(result.plan.builds.map((build) => build.image))]
      : result.records.map((record) => record.image)
    ).join('\n'),
    manifests: result.records.map((record) => record.files.manifest).join('\n'),
  };
}
