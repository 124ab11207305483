import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { inputError, StackhookError } from '../errors/stackhook-error.js';
import { checkDefinitions } from './check-definitions.js';
import { checkSwTagMappings } from './check-swtag-mappings.js';
import { checkTests } from './check-tests.js';
import { cycleDescription, findCycle, Graph } from './graph.js';
import { DEFAULT_VARIANT, type Hierarchy, type ImageSpec, type VariantSpec } from './hierarchy.js';
import type { InheritedSwTag } from './swtag-mapping-field.js';
import { ownerProblem, registryProblem, repositoryComponentProblem, tagProblem } from './oci-names.js';
import { stacksSchema, type StacksFile, type SwTagMapping } from './stacks-schema.js';
import { YamlLocator } from './yaml-locator.js';
import { zodProblem } from './zod-problem.js';

export interface KnownProbes {
  taggers: ReadonlySet<string>;
  manifests: ReadonlySet<string>;
}

interface Problem {
  path: readonly PropertyKey[];
  message: string;
}

/** Reads and validates a hierarchy file. Every problem names the file, the line, the key and the image. */
export async function loadHierarchy(file: string, known: KnownProbes): Promise<Hierarchy> {
  const absolute = path.resolve(file);
  const shown = path.relative(process.cwd(), absolute) || absolute;
  let text: string;
  try {
    text = await readFile(absolute, 'utf8');
  } catch (cause) {
    throw new StackhookError({
      kind: 'input',
      description: 'cannot read the hierarchy file',
      subject: shown,
      cause,
    });
  }
  const { locator, errors } = YamlLocator.parse(text);
  // `file:line key.path (image name)`
  const where = (line: number, keys: readonly PropertyKey[]): string => {
    const key = keys.length > 0 ? ` ${keys.map(String).join('.')}` : '';
    const image = keys[0] === 'images' && keys[1] !== undefined ? ` (image ${String(keys[1])})` : '';
    return `${shown}:${line}${key}${image}`;
  };
  const fail = (problems: { subject: string; message: string }[]): never => {
    const [first, ...rest] = problems;
    throw inputError(
      first!.message,
      first!.subject,
      rest.map((line) => `${line.subject}: ${line.message}`).join('\n'),
    );
  };
  if (errors.length > 0) {
    // Syntax errors (e.g. a duplicate key) carry their own line and key path.
    fail(
      errors.map((error) => ({
        subject: where(error.line, error.path),
        message: describeYamlError(error.message),
      })),
    );
  }
  const parsed = stacksSchema.safeParse(locator.toJS() ?? {});
  const report = (problems: Problem[]): never =>
    fail(
      problems.map((problem) => ({
        subject: where(locator.lineOf(problem.path), problem.path),
        message: problem.message,
      })),
    );
  if (!parsed.success) report(parsed.error.issues.map(zodProblem));
  const stacks = parsed.data as StacksFile;
  const rootDir = path.dirname(absolute);
  const problems = await checkSemantics(stacks, rootDir, known);
  if (problems.length > 0) report(problems);

  const swTagLayer = (mapping: SwTagMapping, at: string[]): InheritedSwTag => ({
    templates: mapping,
    subjects: Object.fromEntries(
      Object.keys(mapping).map((field) => [field, where(locator.lineOf([...at, field]), [...at, field])]),
    ),
  });
  const images = new Map<string, ImageSpec>();
  for (const [name, entry] of Object.entries(stacks.images)) {
    const contextDir = path.resolve(rootDir, entry.context ?? path.join('images', name));
    const variants = new Map<string, VariantSpec>();
    for (const [variant, spec] of Object.entries(entry.variants)) {
      variants.set(variant, {
        name: variant,
        ...variantPaths(rootDir, contextDir, variant, spec),
        buildArgs: { ...entry.buildArgs, ...spec.buildArgs },
      });
    }
    images.set(name, {
      name,
      description: entry.description,
      parent: entry.parent,
      base: entry.base,
      contextDir,
      dockerfile: path.resolve(contextDir, entry.dockerfile ?? 'Dockerfile'),
      buildArgs: entry.buildArgs,
      ownTaggers: entry.taggers,
      ownManifests: entry.manifests,
      ownTests: entry.tests.map((definition, index) => ({
        name: definition.name,
        definition,
        image: name,
        subject: where(locator.lineOf(['images', name, 'tests', index]), ['images', name, 'tests', index]),
      })),
      testDir: await testDirOf(rootDir, name, entry.testDir),
      platforms: entry.platforms ?? stacks.platforms,
      variants,
      swtag: swTagLayer(entry.swtag ?? {}, ['images', name, 'swtag']),
      line: locator.lineOf(['images', name]),
    });
  }
  const cycle = findCycle(new Map([...images.values()].map((spec) => [spec.name, spec.parent])));
  if (cycle) report([{ path: ['images', cycle[0]!, 'parent'], message: cycleDescription(cycle) }]);
  const graph = new Graph([...images.values()], shown);
  const swtagProblems = checkSwTagMappings(stacks, graph, known);
  if (swtagProblems.length > 0) report(swtagProblems);
  const definitions = <T>(kind: 'taggers' | 'manifests', entries: Record<string, T>) =>
    new Map(
      Object.entries(entries).map(([name, definition]) => [
        name,
        { name, definition, subject: where(locator.lineOf([kind, name]), [kind, name]) },
      ]),
    );
  return {
    file: absolute,
    rootDir,
    registry: stacks.registry,
    owner: stacks.owner,
    repository: stacks.repository,
    licenses: stacks.licenses,
    registries: stacks.registries,
    baseArg: stacks.baseArg,
    catalog: stacks.catalog,
    swtag: swTagLayer(stacks.swtag, ['swtag']),
    images,
    graph,
    taggerDefinitions: definitions('taggers', stacks.taggers),
    manifestDefinitions: definitions('manifests', stacks.manifests),
  };
}

function describeYamlError(message: string): string {
  return /Map keys must be unique/.test(message) ? `duplicate key (${message})` : message;
}

async function checkSemantics(stacks: StacksFile, rootDir: string, known: KnownProbes): Promise<Problem[]> {
  const problems: Problem[] = [];
  const add = (path: PropertyKey[], message: string | undefined): void => {
    if (message) problems.push({ path, message });
  };
  add(['registry'], registryProblem(stacks.registry));
  add(['owner'], ownerProblem(stacks.owner));
  const names = Object.keys(stacks.images);
  if (names.length === 0) add(['images'], 'no images defined');
  problems.push(...(await checkDefinitions(stacks, rootDir, known)));
  problems.push(...(await checkTests(stacks, rootDir)));
  const taggers = new Set([...known.taggers, ...Object.keys(stacks.taggers)]);
  const manifests = new Set([...known.manifests, ...Object.keys(stacks.manifests)]);
  for (const [name, entry] of Object.entries(stacks.images)) {
    const at = (...keys: PropertyKey[]): PropertyKey[] => ['images', name, ...keys];
    add(at(), repositoryComponentProblem(name));
    if (entry.parent !== undefined && !names.includes(entry.parent)) {
      add(at('parent'), `unknown parent "${entry.parent}"${suggest(entry.parent, names)}`);
    }
    if (entry.parent !== undefined && entry.base !== undefined) {
      add(at('base'), 'an image with a parent is built FROM its parent: remove "base" or "parent"');
    }
    entry.taggers.forEach((tagger, index) => {
      if (!taggers.has(tagger))
        add(at('taggers', index), `unknown tagger "${tagger}"${suggest(tagger, [...taggers])}`);
    });
    entry.manifests.forEach((manifest, index) => {
      if (!manifests.has(manifest))
        add(at('manifests', index), `unknown manifest "${manifest}"${suggest(manifest, [...manifests])}`);
    });
    const contextDir = path.resolve(rootDir, entry.context ?? path.join('images', name));
    if (!(await isDirectory(contextDir)))
      add(at(entry.context ? 'context' : ''), `build context ${contextDir} is missing`);
    const dockerfile = path.resolve(contextDir, entry.dockerfile ?? 'Dockerfile');
    if (!(await isFile(dockerfile)))
      add(at(entry.dockerfile ? 'dockerfile' : ''), `Dockerfile ${dockerfile} is missing`);
    for (const [variant, spec] of Object.entries(entry.variants)) {
      if (variant === DEFAULT_VARIANT)
        add(at('variants', variant), `"${DEFAULT_VARIANT}" is the implicit variant`);
      add(at('variants', variant), tagProblem(variant));
      const paths = variantPaths(rootDir, contextDir, variant, spec);
      if (spec.context !== undefined && !(await isDirectory(paths.contextDir)))
        add(at('variants', variant, 'context'), `build context ${paths.contextDir} is missing`);
      else if (!(await isFile(paths.dockerfile)))
        add(at('variants', variant, 'dockerfile'), `Dockerfile ${paths.dockerfile} is missing`);
    }
  }
  return problems.map((problem) => ({ ...problem, path: problem.path.filter((key) => key !== '') }));
}

/** A variant's context (its own, or the image's) and Dockerfile (in its own context, or <variant>/Dockerfile). */
function variantPaths(
  rootDir: string,
  imageContext: string,
  variant: string,
  spec: { context?: string; dockerfile?: string },
): { contextDir: string; dockerfile: string } {
  const contextDir = spec.context === undefined ? imageContext : path.resolve(rootDir, spec.context);
  const fallback = spec.context === undefined ? path.join(variant, 'Dockerfile') : 'Dockerfile';
  return { contextDir, dockerfile: path.resolve(contextDir, spec.dockerfile ?? fallback) };
}

function suggest(value: string, candidates: readonly string[]): string {
  const close = candidates.find((candidate) => editDistance(candidate, value) <= 2);
  return close ? ` (did you mean "${close}"?)` : '';
}

function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, index) => index);
  for (let i = 1; i <= a.length; i++) {
    let diagonal = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const above = row[j]!;
      row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, diagonal + (a[i - 1] === b[j - 1] ? 0 : 1));
      diagonal = above;
    }
  }
  return row[b.length]!;
}

/** The declared folder (checked to exist), else docker-stacks' tests/by_image/<image> when there is one. */
async function testDirOf(rootDir: string, image: string, declared: string | undefined) {
  const dir = path.resolve(rootDir, declared ?? path.join('tests', 'by_image', image));
  return declared !== undefined || (await isDirectory(dir)) ? dir : undefined;
}

async function isFile(file: string): Promise<boolean> {
  return (await stat(file).catch(() => undefined))?.isFile() ?? false;
}

async function isDirectory(dir: string): Promise<boolean> {
  return (await stat(dir).catch(() => undefined))?.isDirectory() ?? false;
}
