import { podmanRunArgs } from './podman-run-args.js';
import type { ContainerRequest } from './container-request.js';

const base: ContainerRequest = { subject: 'test', image: 'localhost/builder:1', argv: ['make', 'all'] };
/** What every container gets, with the default process limit and network. */
const LOCKED = ['--cap-drop', 'all', '--security-opt', 'no-new-privileges', '--pids-limit', '1024'];
const OFFLINE = [...LOCKED, '--network', 'none'];
const IMAGE_AND_ARGV = ['--', 'localhost/builder:1', 'make', 'all'];

describe('podmanRunArgs', () => {
  it.each<[string, Partial<ContainerRequest>, string[]]>([
    ['locks a container down by default', {}, [...OFFLINE, ...IMAGE_AND_ARGV]],
    [
      'adds back only the capabilities asked for',
      { capabilities: ['SETUID', 'SETGID'] },
      [...OFFLINE, '--cap-add', 'SETUID', '--cap-add', 'SETGID', ...IMAGE_AND_ARGV],
    ],
    [
      'mounts with --mount, read-only when asked',
      {
        mounts: [
          { source: '/tmp/a:b', target: '/src', readOnly: true },
          { source: '/tmp/out', target: '/out' },
        ],
      },
      [
        ...OFFLINE,
        '--mount',
        'type=bind,source=/tmp/a:b,destination=/src,ro',
        '--mount',
        'type=bind,source=/tmp/out,destination=/out,rw',
        ...IMAGE_AND_ARGV,
      ],
    ],
    [
      'publishes one port on one address, on the bridge',
      {
        network: 'bridge',
        publish: { hostAddress: '127.0.0.1', containerPort: 2222 },
        memory: '2g',
        pidsLimit: 64,
      },
      [
        ...LOCKED.slice(0, 4),
        '--pids-limit',
        '64',
        '--network',
        'bridge',
        '--memory',
        '2g',
        '--publish',
        '127.0.0.1::2222',
        ...IMAGE_AND_ARGV,
      ],
    ],
    [
      'keeps an argv that looks like options after the image',
      { argv: ['--privileged', '-v', '/:/host'], env: { A: '1' }, labels: { job: 'x' }, workdir: '/src' },
      [
        ...OFFLINE,
        '--label',
        'job=x',
        '--env',
        'A=1',
        '--workdir',
        '/src',
        '--',
        'localhost/builder:1',
        '--privileged',
        '-v',
        '/:/host',
      ],
    ],
  ])('%s', (_name, request, expected) => {
    expect(podmanRunArgs({ ...base, ...request })).toEqual(expected);
  });
});
