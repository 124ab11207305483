import { inputError } from '../../errors/stackhook-error.js';
import { instructionWords } from '../../containerfile/instruction-words.js';
import { parseContainerfile } from '../../containerfile/parse-containerfile.js';
import type { ContainerfileInstruction } from '../../containerfile/containerfile-instruction.js';
import type { BuildEnvironments } from '../environment/build-environments.js';
import { GIT_TAG, NAME } from '../routes/build-names.js';
import { COMPONENT_REFERENCE, type ImageComponent } from './image-component.js';

const COMPONENT = new RegExp(NAME);
const TAG = new RegExp(GIT_TAG);

/**
 * A build API Dockerfile made ready for the Containerfile policy and podman: a FROM of a build environment as
 * ad-build writes it (`<registry>/<env>-env:latest`) becomes the declared image; an ADD or COPY of a stored
 * component, as `<shared root>/<component>/<tag>` (their form) or `component:<component>/<tag>`, takes it from
 * `components/<component>/<tag>` of the build context (where it is unpacked); any other absolute source is
 * refused (the context holds nothing else). Rewritten instructions keep their line, so later errors name the
 * client's lines. The result still goes through checkContainerfile.
 */
export function resolveImageSources(
  text: string,
  context: { roots: readonly string[]; environments: BuildEnvironments },
): { text: string; components: ImageComponent[] } {
  const lines = text.split('\n');
  const { instructions } = parseContainerfile(text);
  const components = new Map<string, ImageComponent>();
  const refuse = (line: number, message: string): never => {
    throw inputError(`dockerfile:${line}: ${message}`);
  };
  instructions.forEach((instruction, index) => {
    const replaced = rewrite(instruction, context, components, refuse);
    if (replaced === undefined) return;
    // The instruction's lines (continuations, comments after it) become one line and blanks.
    const end = (instructions[index + 1]?.line ?? lines.length + 1) - 1;
    for (let line = instruction.line; line <= end; line += 1) lines[line - 1] = '';
    lines[instruction.line - 1] = replaced;
  });
  return { text: lines.join('\n'), components: [...components.values()] };
}

function rewrite(
  { line, name, flags, args }: ContainerfileInstruction,
  context: { roots: readonly string[]; environments: BuildEnvironments },
  components: Map<string, ImageComponent>,
  refuse: (line: number, message: string) => never,
): string | undefined {
  if (name === 'from') {
    const [image, ...rest] = instructionWords(args);
    const declared = image ? context.environments.imageForReference(image) : undefined;
    return declared && declared !== image
      ? [name.toUpperCase(), ...flags, declared, ...rest].join(' ')
      : undefined;
  }
  if ((name !== 'add' && name !== 'copy') || flags.some((flag) => flag.startsWith('--from')))
    return undefined;
  const words = sourcesAndDestination(args);
  // A heredoc is left as written, for the policy to refuse: in JSON form it would hide from that check.
  if (!words || words.some((word) => /^\d*<<-?/.test(word))) return undefined;
  let changed = false;
  const sources = words.slice(0, -1).map((source) => {
    const found = storedComponent(source, context.roots);
    if (!found) {
      if (source.startsWith('/'))
        refuse(
          line,
          `${name.toUpperCase()} ${source}: the build context holds only stored components (<shared root>/<component>/<tag> or ${COMPONENT_REFERENCE}<component>/<tag>); no other file of the service machine is reachable`,
        );
      return source;
    }
    changed = true;
    const contextPath = `components/${found.component}/${found.tag}`;
    components.set(contextPath, { ...found, contextPath });
    return `${contextPath}/`;
  });
  if (!changed) return undefined;
  for (const flag of flags)
    if (/[\s"'\\]/.test(flag))
      refuse(
        line,
        `${name.toUpperCase()} ${flag}: a flag with spaces or quotes can’t go with a stored component`,
      );
  return [name.toUpperCase(), ...flags, JSON.stringify([...sources, words.at(-1)!])].join(' ');
}

/** ADD/COPY's words: JSON form or words; undefined for a form this leaves to the policy (a heredoc). */
function sourcesAndDestination(args: string): string[] | undefined {
  if (args.startsWith('[')) {
    try {
      const json: unknown = JSON.parse(args);
      if (Array.isArray(json) && json.length >= 2 && json.every((word) => typeof word === 'string'))
        return json as string[];
    } catch {
      // Not JSON: buildah reads it as words.
    }
  }
  const words = instructionWords(args);
  return words.length >= 2 ? words : undefined;
}

function storedComponent(
  source: string,
  roots: readonly string[],
): { component: string; tag: string } | undefined {
  const root = roots.find((root) => source.startsWith(`${root}/`));
  const rest = source.startsWith(COMPONENT_REFERENCE)
    ? source.slice(COMPONENT_REFERENCE.length)
    : root && source.slice(root.length + 1);
  const [component, tag, ...more] = (rest ?? '').split('/');
  if (!component || !tag || more.some(Boolean) || more.length > 1) return undefined;
  return COMPONENT.test(component) && TAG.test(tag) ? { component, tag } : undefined;
}
