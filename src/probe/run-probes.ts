import type { ExecResult } from '../engine/exec-result.js';
import type { PackageLister } from '../packages/package-lister.js';
import type { ProbeSession } from '../engine/probe-session.js';
import { stageError } from '../errors/stackhook-error.js';
import { sanitizeTag } from '../hierarchy/oci-names.js';
import { displayCommand } from './display-command.js';
import type { ManifestPiece } from './manifest-piece.js';
import { OS_RELEASE, osReleaseOf } from './os-release.js';
import type { ManifestContext } from './probe-context.js';
import type { ProbeResult } from './probe-result.js';
import type { Command, Tagger } from './tagger.js';

export interface ProbeRequest {
  /** Shown in errors. */
  image: string;
  session: ProbeSession;
  taggers: readonly Tagger[];
  pieces: readonly ManifestPiece[];
  listers?: readonly PackageLister[];
  context: ManifestContext;
  signal?: AbortSignal;
}

type Probe =
  | { kind: 'tagger'; probe: Tagger }
  | { kind: 'manifest'; probe: ManifestPiece }
  | { kind: 'package lister'; probe: PackageLister & { name: string } };

/**
 * Runs every tagger and manifest piece against one container: the distinct commands of all of them go to the
 * container together (each once), then each probe reads its results.
 */
export async function runProbes(request: ProbeRequest): Promise<ProbeResult> {
  const started = performance.now();
  const listers = (request.listers ?? []).map((lister) => ({ ...lister, name: lister.source }));
  const probes: Probe[] = [
    ...request.taggers.map((probe) => ({ kind: 'tagger' as const, probe })),
    ...request.pieces.map((probe) => ({ kind: 'manifest' as const, probe })),
    ...listers.map((probe) => ({ kind: 'package lister' as const, probe })),
  ];
  const unique = new Map<string, Command>([[JSON.stringify(OS_RELEASE), OS_RELEASE]]);
  for (const { probe } of probes) for (const argv of probe.commands) unique.set(JSON.stringify(argv), argv);
  const commands = [...unique.values()];
  const results = await request.session.execAll(commands, request.signal);
  const byCommand = new Map(commands.map((argv, index) => [JSON.stringify(argv), results[index]!]));
  const resultsFor = (probe: Probe): ExecResult[] => {
    const own = probe.probe.commands.map((argv) => byCommand.get(JSON.stringify(argv))!);
    const failed = own.find((result) => result.exitCode !== 0);
    const tolerated = probe.kind === 'package lister' || probe.probe.allowFailure;
    if (failed && !tolerated) throw probeFailure(request.image, probe, failed);
    return own;
  };

  const release = byCommand.get(JSON.stringify(OS_RELEASE))!;
  const os = osReleaseOf(release.exitCode === 0 ? release.stdout : '');
  const result: ProbeResult = {
    tags: [],
    skipped: [],
    sections: [],
    packages: [],
    os,
    commandsRun: 0,
    durationMs: 0,
  };
  for (const tagger of request.taggers) {
    const probe: Probe = { kind: 'tagger', probe: tagger };
    const raw = interpret(request.image, probe, () => tagger.value(resultsFor(probe), request.context));
    if (raw === undefined) result.skipped.push({ kind: 'tagger', name: tagger.name });
    else result.tags.push({ tagger: tagger.name, raw, value: sanitizeTag(raw) });
  }
  for (const piece of request.pieces) {
    const probe: Probe = { kind: 'manifest', probe: piece };
    const markdown = interpret(request.image, probe, () =>
      piece.markdown(resultsFor(probe), request.context),
    );
    if (markdown === undefined) result.skipped.push({ kind: 'manifest', name: piece.name });
    else result.sections.push({ name: piece.name, markdown });
  }
  for (const lister of listers) {
    const probe: Probe = { kind: 'package lister', probe: lister };
    const own = resultsFor(probe);
    if (own.some((one) => one.exitCode !== 0)) continue;
    result.packages.push(...interpret(request.image, probe, () => lister.list(own)));
  }
  return { ...result, commandsRun: commands.length, durationMs: performance.now() - started };
}

function interpret<T>(image: string, probe: Probe, work: () => T): T {
  try {
    return work();
  } catch (error) {
    if (error instanceof Error && error.name === 'StackhookError') throw error;
    const commands =
      probe.probe.commands.map((argv) => `\`${displayCommand(argv)}\``).join(', ') || 'no command';
    throw stageError(
      `${probe.kind} ${probe.probe.name} could not read the output of ${commands}: ${(error as Error).message}`,
      `image ${image}, ${probe.kind} ${probe.probe.name}`,
      undefined,
      error,
    );
  }
}

function probeFailure(image: string, probe: Probe, result: ExecResult) {
  return stageError(
    `${probe.kind} ${probe.probe.name} failed: \`${displayCommand(result.argv)}\` exited with code ${result.exitCode}`,
    `image ${image}, ${probe.kind} ${probe.probe.name}`,
    result.stderr.trim().split('\n').slice(-10).join('\n') || '(no stderr)',
  );
}
