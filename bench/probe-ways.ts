// The three ways bench/probe times for one image: the floor, stackhook's, and docker-stacks' reference way.
import type { Engine } from '../src/engine/engine.js';
import type { ExecResult } from '../src/engine/exec-result.js';
import type { PackageLister } from '../src/packages/package-lister.js';
import type { ManifestPiece } from '../src/probe/manifest-piece.js';
import type { ManifestContext } from '../src/probe/probe-context.js';
import { runProbes } from '../src/probe/run-probes.js';
import type { Command, Tagger } from '../src/probe/tagger.js';
import { DISTRIBUTION_VERSION } from '../taggers/pip-package.js';
import { PYTHON_DISTRIBUTIONS } from '../taggers/python-distributions.js';

// Where stackhook reads a fact more cheaply than docker-stacks does, the reference runs docker-stacks' command.
const DOCKER_STACKS_TAGGER_COMMANDS: Readonly<Record<string, Command[]>> = {
  notebook: [['jupyter-notebook', '--version']],
  lab: [['jupyter-lab', '--version']],
  hub: [['jupyterhub', '--version']],
  tensorflow: [['python3', '-m', 'pip', 'show', 'tensorflow']],
  pytorch: [['python3', '-m', 'pip', 'show', 'torch']],
};

function dockerStacksCommands(tagger: Tagger): readonly Command[] {
  const own = DOCKER_STACKS_TAGGER_COMMANDS[tagger.name];
  if (own) return own;
  // docker-stacks' pip package taggers (tensorflow, pytorch) run `pip show <package>`.
  return tagger.commands.map((argv) =>
    argv[2] === DISTRIBUTION_VERSION ? ['python3', '-m', 'pip', 'show', argv[3]!] : argv,
  );
}

function dockerStacksManifestCommand(argv: Command): Command {
  // The python-packages piece shows `python3 -m pip list` and runs an importlib equivalent.
  return JSON.stringify(argv) === JSON.stringify(PYTHON_DISTRIBUTIONS)
    ? ['python3', '-m', 'pip', 'list']
    : argv;
}

export interface Way {
  name: string;
  containers: number;
  execs: number;
  run: () => Promise<unknown>;
}

export interface ProbeWork {
  engine: Engine;
  imageId: string;
  image: string;
  taggers: readonly Tagger[];
  pieces: readonly ManifestPiece[];
  listers: readonly PackageLister[];
  context: ManifestContext;
}

/** One container, every distinct command once in one batched exec, package lists included (what `hook` does). */
export function stackhookWay(work: ProbeWork): Way {
  return {
    name: 'stackhook',
    containers: 1,
    execs: 1,
    run: async () => {
      await using session = await work.engine.openProbeSession(work.imageId);
      return await runProbes({ ...work, session });
    },
  };
}

/**
 * docker-stacks: a container for the tags file (one exec per tagger command), another for the manifest, in
 * which the history line computes every tag again, then one exec per manifest command; all sequential, and
 * with docker-stacks' own commands (`jupyter-notebook --version`, `pip show`, `pip list`).
 */
export function referenceWay(work: ProbeWork): Way {
  const tagCommands = work.taggers.flatMap(dockerStacksCommands);
  const pieceCommands = work.pieces.flatMap((piece) => piece.commands).map(dockerStacksManifestCommand);
  const manifestCommands = [...tagCommands, ...pieceCommands];
  return {
    name: 'reference (docker-stacks way)',
    containers: 2,
    execs: tagCommands.length + manifestCommands.length,
    run: async () => {
      const outputs: ExecResult[] = [];
      {
        await using tags = await work.engine.openProbeSession(work.imageId);
        for (const argv of tagCommands) outputs.push(await tags.exec(argv));
      }
      await using manifest = await work.engine.openProbeSession(work.imageId);
      for (const argv of manifestCommands) outputs.push(await manifest.exec(argv));
      return outputs;
    },
  };
}

/** What no probe can beat: start a container, one exec, remove it. */
export function floorWay(work: ProbeWork): Way {
  return {
    name: 'floor (start + 1 exec)',
    containers: 1,
    execs: 1,
    run: async () => {
      await using session = await work.engine.openProbeSession(work.imageId);
      return await session.exec(['true']);
    },
  };
}
