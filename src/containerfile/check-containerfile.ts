import { inputError } from '../errors/stackhook-error.js';
import type { ImageAllowList } from './image-allow-list.js';
import { parseContainerfile } from './parse-containerfile.js';
import { instructionWords } from './instruction-words.js';

/** Instructions that only describe the image or copy into it (ONBUILD is not one: its triggers go unvetted). */
const KNOWN = new Set([
  'from',
  'run',
  'cmd',
  'label',
  'maintainer',
  'expose',
  'env',
  'add',
  'copy',
  'entrypoint',
  'volume',
  'user',
  'workdir',
  'arg',
  'stopsignal',
  'healthcheck',
  'shell',
]);

/** The flags each instruction may take; none for the rest (RUN's --mount, --network, --security above all). */
const FLAGS: Record<string, readonly string[]> = {
  from: ['platform'],
  copy: ['chown', 'chmod', 'from', 'link'],
  add: ['chown', 'chmod', 'link'],
  healthcheck: ['interval', 'timeout', 'start-period', 'start-interval', 'retries'],
};

const STAGE_NAME = /^[a-z][a-z0-9_.-]*$/;
const HEREDOC = /^\d*<<-?[^<\s]/;
const SCHEME = /^([a-z][a-z0-9+.-]*):\/\//i;

/**
 * Refuses a Containerfile from a client unless every instruction stays inside the build: no flags on RUN (a
 * `--mount` can bind the service machine's root, CVE-2024-1753, or a cache or secret of it), no ONBUILD, no
 * unknown instruction, COPY/ADD flags only to set owners and modes or copy from a stage, ADD only of files of
 * the context (no URL of any scheme, no git source, no variable), no heredocs (buildah versions disagree on them), and every FROM and COPY
 * --from an earlier stage or an image `images` allows, written out (no `$`). The error names `file`, the line
 * and the instruction or flag at fault. Returns the images the file starts from.
 */
export function checkContainerfile(text: string, file: string, images: ImageAllowList): { images: string[] } {
  const parsed = parseContainerfile(text);
  const refuse = (line: number, message: string): never => {
    // The place leads the sentence: HTTP problems show the description alone.
    throw inputError(`${file}:${line}: ${message}`);
  };
  for (const problem of parsed.problems) refuse(problem.line, problem.message);
  /** Stage names (or a placeholder for unnamed ones), in order. */
  const stages: string[] = [];
  const bases = new Set<string>();
  /** An earlier stage (by name, or for COPY --from by index), or an image `images` allows. */
  const checkSource = (source: string, line: number, what: string, earlier: readonly string[]) => {
    if (source.includes('$')) refuse(line, `${what} must be written out, not a variable (${source})`);
    if (earlier.includes(source.toLowerCase())) return;
    if (what === 'COPY --from' && /^\d+$/.test(source) && Number(source) < earlier.length) return;
    if (what === 'FROM' && source === 'scratch') return;
    if (!images.allows(source))
      refuse(
        line,
        `${what} ${source} is neither an earlier stage nor an image this service builds from (${images.toString() || 'none'})`,
      );
    bases.add(source);
  };
  for (const { line, name, flags, args } of parsed.instructions) {
    const shown = name.toUpperCase();
    if (name === 'onbuild')
      refuse(line, 'ONBUILD is not accepted: its triggers would run unchecked in a later build');
    if (!/^[a-z]+$/.test(name) || !KNOWN.has(name)) refuse(line, `unknown instruction ${name}`);
    for (const flag of flags) {
      const flagName = flag.replace(/^--/, '').split('=')[0]!;
      if (!(FLAGS[name] ?? []).includes(flagName))
        refuse(
          line,
          name === 'run'
            ? `RUN takes no flags here (--${flagName}): a mount or network option could reach the service machine`
            : `${shown} does not take --${flagName} here`,
        );
      if (!/=./.test(flag) && flagName !== 'link') refuse(line, `${shown} --${flagName} needs a value`);
    }
    const values = (flagName: string) =>
      flags
        .filter((flag) => flag.startsWith(`--${flagName}=`))
        .map((flag) => flag.slice(flagName.length + 3));
    if (['run', 'copy', 'add'].includes(name) && args.split(/\s+/).some((word) => HEREDOC.test(word)))
      refuse(line, `${shown} with a heredoc is not accepted`);
    if (name === 'from') {
      for (const platform of values('platform'))
        if (platform.includes('$')) refuse(line, `FROM --platform must be written out (${platform})`);
      const words = instructionWords(args);
      const [image, as, stage] = words;
      if (!image || (words.length !== 1 && (words.length !== 3 || as!.toLowerCase() !== 'as')))
        return refuse(line, 'FROM takes an image and, optionally, AS <name>');
      checkSource(image, line, 'FROM', stages);
      if (stage !== undefined && !STAGE_NAME.test(stage.toLowerCase()))
        refuse(line, `FROM ... AS ${stage}: a stage name is a lowercase name`);
      stages.push(stage?.toLowerCase() ?? '');
    }
    if (name === 'copy')
      for (const source of values('from')) checkSource(source, line, 'COPY --from', stages.slice(0, -1));
    if (name === 'add') for (const source of addSources(args)) checkAddSource(source, line, refuse);
  }
  return { images: [...bases] };
}

/** Every word an ADD could take for a source, read both as JSON and as words: a URL hides in neither. */
function addSources(args: string): string[] {
  const words = args.split(/\s+/).filter(Boolean);
  if (!args.startsWith('[')) return words;
  try {
    const json: unknown = JSON.parse(args);
    if (Array.isArray(json)) return [...words, ...json.map(String)];
  } catch {
    // Not JSON: buildah reads it as words too.
  }
  return words;
}

/**
 * No URL at all: buildah downloads ADD's URLs itself, in the service machine's network namespace, so an http
 * one reaches services that listen on its loopback only (measured with buildah 1.28); other schemes and git
 * sources would use the machine's files and credentials. `RUN curl` downloads from inside the build instead.
 */
function checkAddSource(source: string, line: number, refuse: (line: number, message: string) => never) {
  // Written out: buildah expands variables in sources, so `$X` could become a URL.
  if (source.includes('$')) refuse(line, `ADD ${source}: an ADD source must be written out, not a variable`);
  if (/^(git@|github\.com\/)/i.test(source)) refuse(line, `ADD ${source}: git repositories are not added`);
  const scheme = SCHEME.exec(source)?.[1]?.toLowerCase();
  if (scheme)
    refuse(
      line,
      `ADD ${source}: ADD takes no URL here (${scheme}): it would download from the service machine's own network; download with RUN (curl, wget) inside the build`,
    );
}
