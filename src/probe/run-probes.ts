import type { ExecResult } from '../engine/exec-result.js';
import type { ProbeSession } from '../engine/probe-session.js';
import { stageError } from '../errors/stackhook-error.js';
import { sanitizeTag } from '../hierarchy/oci-names.js';
import { displayCommand } from './display-command.js';
import type { ManifestPiece } from './manifest-piece.js';
import type { ManifestContext } from './probe-context.js';
import type { ProbeResult } from './probe-result.js';
import type { Command, Tagger } from './tagger.js';

export interface ProbeRequest {
  /** Shown in errors. */
  image: string;
  session: ProbeSession;
  taggers: readonly Tagger[];
  pieces: readonly ManifestPiece[];
  context: ManifestContext;
  signal?: AbortSignal;
}

type Probe = { kind: 'tagger'; probe: Tagger } | { kind: 'manifest'; probe: ManifestPiece };

/**
 * Runs every tagger and manifest piece against one container: the distinct commands of all of them go to the
 * container together (each once), then each probe reads its results.
 */
export async function runProbes(request: ProbeRequest): Promise<ProbeResult> {
  const started = performance.now();
  const probes: Probe[] = [
    ...request.taggers.map((probe) => ({ kind: 'tagger' as const, probe })),
    ...request.pieces.map((probe) => ({ kind: 'manifest' as const, probe })),
  ];
  const unique = new Map<string, Command>();
  for (const { probe } of probes) for (const argv of probe.commands) unique.set(JSON.stringify(argv), argv);
  const commands = [...unique.values()];
  const results = await request.session.execAll(commands, request.signal);
  const byCommand = new Map(commands.map((argv, index) => [JSON.stringify(argv), results[index]!]));
  const resultsFor = (probe: Probe): ExecResult[] => {
    const own = probe.probe.commands.map((argv) => byCommand.get(JSON.stringify(argv))!);
    const failed = own.find((result) => result.exitCode !== 0);
    if (failed && !probe.probe.allowFailure) throw probeFailure(request.image, probe, failed);
    return own;
  };

  const tags = request.taggers.map((tagger) => {
    const probe: Probe = { kind: 'tagger', probe: tagger };
    const raw = interpret(request.image, probe, () => tagger.value(resultsFor(probe), request.context));
    return { tagger: tagger.name, raw, value: sanitizeTag(raw) };
  });
  const sections = request.pieces.map((piece) => {
    const probe: Probe = { kind: 'manifest', probe: piece };
    return {
      name: piece.name,
      markdown: interpret(request.image, probe, () => piece.markdown(resultsFor(probe), request.context)),
    };
  });
  return { tags, sections, commandsRun: commands.length, durationMs: performance.now() - started };
}

function interpret(image: string, probe: Probe, work: () => string): string {
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
