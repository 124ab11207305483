import type { TaggerDefinition } from '../hierarchy/stacks-schema.js';
import { fillTemplate } from '../hierarchy/template-problem.js';
import type { Tagger } from '../probe/tagger.js';

/**
 * A tagger declared in stacks.yaml: run `command`, match `regex` against its stdout (then stderr, where many
 * tools print their version), fill `template` from the groups ({0} the whole match, {1}, {name}).
 */
export function regexTagger(name: string, definition: TaggerDefinition): Tagger {
  const regex = new RegExp(definition.regex!, 'm');
  const template = definition.template ?? '{0}';
  return {
    name,
    commands: [definition.command!],
    allowFailure: definition.optional,
    value: ([result]) => {
      if (result!.exitCode !== 0) return undefined; // only reached when optional
      const match = regex.exec(result!.stdout) ?? regex.exec(result!.stderr);
      if (match) return fillTemplate(template, match);
      if (definition.optional) return undefined;
      const output = `${result!.stdout}${result!.stderr}`.trim().slice(0, 300);
      throw new Error(`regex /${regex.source}/ does not match ${JSON.stringify(output)}`);
    },
  };
}
