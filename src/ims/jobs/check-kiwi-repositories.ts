import type { Engine } from '../../engine/engine.js';
import { stageError } from '../../errors/stackhook-error.js';
import { repositoryProbeUrl, type KiwiRepository } from '../kiwi/kiwi-repositories.js';

// A fixed program (nothing in it comes from the recipe); the URLs are its arguments, one JSON line each back.
const PROBE = [
  'import json, sys, urllib.request',
  'for url in sys.argv[1:]:',
  '    try:',
  "        request = urllib.request.Request(url, headers={'User-Agent': 'stackhook-ims'})",
  '        with urllib.request.urlopen(request, timeout=20) as answer:',
  "            print(json.dumps({'url': url, 'ok': True}), flush=True)",
  '    except Exception as error:',
  "        print(json.dumps({'url': url, 'ok': False, 'reason': str(error)[:300]}), flush=True)",
].join('\n');
const MOST_REPOSITORIES = 32;

/**
 * IMS's waiting_for_repos: every repository of the description fetched (its Release or repomd.xml) from a
 * container of the kiwi image, on the network the build will have, so that the service itself never sends a
 * request a recipe chose. An unreachable repository ends the job before the build, named with the reason.
 */
export async function checkKiwiRepositories(request: {
  engine: Engine;
  image: string;
  repositories: readonly KiwiRepository[];
  subject: string;
  labels: Readonly<Record<string, string>>;
  signal?: AbortSignal;
  onOutput: (chunk: string) => void;
}): Promise<void> {
  const { repositories, subject } = request;
  if (repositories.length === 0) throw stageError('the kiwi description names no repository', subject);
  if (repositories.length > MOST_REPOSITORIES)
    throw stageError(`the kiwi description names more than ${MOST_REPOSITORIES} repositories`, subject);
  const probes = new Map<string, KiwiRepository>();
  for (const repository of repositories) {
    const url = repositoryProbeUrl(repository);
    if (url) probes.set(url, repository);
    else request.onOutput(`repository ${repository.path}: not a network repository, not checked\n`);
  }
  if (probes.size === 0) return;
  let output = '';
  const run = await request.engine.runContainer(
    {
      image: request.image,
      argv: ['python3', '-c', PROBE, ...probes.keys()],
      subject: `${subject} repository check`,
      network: 'bridge',
      labels: request.labels,
    },
    { signal: request.signal, onOutput: (chunk) => (output += chunk) },
  );
  const answers = output
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line) as { url: string; ok: boolean; reason?: string });
  const failed: string[] = [];
  for (const [url, repository] of probes) {
    const answer = answers.find((candidate) => candidate.url === url);
    if (answer?.ok) request.onOutput(`repository ${repository.path}: reachable (${url})\n`);
    else failed.push(`${repository.path} (${url}: ${answer?.reason ?? `no answer, exit ${run.exitCode}`})`);
  }
  if (failed.length > 0) {
    const list = failed.join('; ');
    request.onOutput(`unreachable: ${list}\n`);
    throw stageError(`repository unreachable: ${list}`, subject);
  }
}
