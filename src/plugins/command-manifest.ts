import type { ManifestDefinition } from '../hierarchy/stacks-schema.js';
import type { ManifestPiece } from '../probe/manifest-piece.js';
import { markdownPiece, quotedOutput } from '../probe/markdown.js';

/** A manifest piece declared in stacks.yaml: each command's output quoted under the title, as docker-stacks' pieces. */
export function commandManifest(name: string, definition: ManifestDefinition): ManifestPiece {
  const title = definition.title!.startsWith('## ') ? definition.title! : `## ${definition.title!}`;
  return {
    name,
    commands: definition.commands!,
    allowFailure: definition.optional,
    markdown: (results) =>
      results.some((result) => result.exitCode !== 0)
        ? undefined // only reached when optional
        : markdownPiece(
            title,
            results.map((result) => quotedOutput(result)),
          ),
  };
}
