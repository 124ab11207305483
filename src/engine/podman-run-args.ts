import type { ContainerRequest } from './container-request.js';

/**
 * `podman run` options for a request (everything but `run` itself, `--detach` and `--name`): never
 * privileged, all capabilities dropped but the ones asked for, no new privileges through setuid binaries,
 * no network unless asked. The image and argv come last, after every option, so neither can become one.
 */
export function podmanRunArgs(request: ContainerRequest): string[] {
  const args = [
    '--cap-drop',
    'all',
    '--security-opt',
    'no-new-privileges',
    '--pids-limit',
    String(request.pidsLimit ?? 1024),
    '--network',
    request.network ?? 'none',
  ];
  for (const capability of request.capabilities ?? []) args.push('--cap-add', capability);
  if (request.memory) args.push('--memory', request.memory);
  for (const mount of request.mounts ?? []) {
    const options = mount.readOnly ? 'ro' : 'rw';
    // --mount rather than -v: a path holding `:` can't be misread as options.
    args.push('--mount', `type=bind,source=${mount.source},destination=${mount.target},${options}`);
  }
  for (const [key, value] of Object.entries(request.labels ?? {})) args.push('--label', `${key}=${value}`);
  for (const [key, value] of Object.entries(request.env ?? {})) args.push('--env', `${key}=${value}`);
  if (request.workdir) args.push('--workdir', request.workdir);
  if (request.publish)
    args.push('--publish', `${request.publish.hostAddress}::${request.publish.containerPort}`);
  args.push('--', request.image, ...request.argv);
  return args;
}
