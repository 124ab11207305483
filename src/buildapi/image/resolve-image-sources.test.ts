import { BuildEnvironments } from '../environment/build-environments.js';
import { resolveImageSources } from './resolve-image-sources.js';

const environments = new BuildEnvironments([
  {
    name: 'rhel9',
    image: 'localhost/rhel9-env:latest',
    platform: 'x86_64',
    aliases: ['registry.example/os/nine:1'],
  },
]);
const context = { roots: ['/mnt/eed/ad-build/registry', '/srv/registry'], environments };
const resolve = (text: string) => resolveImageSources(text, context);

describe('resolveImageSources', () => {
  it('resolves ad-build’s generated Dockerfile: the environment’s FROM and one ADD per dependency', () => {
    const text = [
      'FROM ghcr.io/ad-build-test/rhel9-env:latest',
      'ADD /mnt/eed/ad-build/registry/epics-base/R7.0.8 /build',
      'ADD /mnt/eed/ad-build/registry/asyn/R4.42 /build',
      'RUN pip install numpy',
      '',
    ].join('\n');
    expect(resolve(text)).toEqual({
      text: [
        'FROM localhost/rhel9-env:latest',
        'ADD ["components/epics-base/R7.0.8/","/build"]',
        'ADD ["components/asyn/R4.42/","/build"]',
        'RUN pip install numpy',
        '',
      ].join('\n'),
      components: [
        { component: 'epics-base', tag: 'R7.0.8', contextPath: 'components/epics-base/R7.0.8' },
        { component: 'asyn', tag: 'R4.42', contextPath: 'components/asyn/R4.42' },
      ],
    });
  });

  it.each([
    [
      'another registry’s -env image',
      'FROM docker.io/pnispero/rhel9-env:latest',
      'FROM localhost/rhel9-env:latest',
    ],
    ['an alias', 'FROM registry.example/os/nine:1 AS base', 'FROM localhost/rhel9-env:latest AS base'],
    ['the declared image itself', 'FROM localhost/rhel9-env:latest', 'FROM localhost/rhel9-env:latest'],
    ['an undeclared environment', 'FROM ghcr.io/x/rocky8-env:latest', 'FROM ghcr.io/x/rocky8-env:latest'],
    ['another tag than latest', 'FROM ghcr.io/x/rhel9-env:old', 'FROM ghcr.io/x/rhel9-env:old'],
    [
      'stackhook’s reference, JSON form',
      'COPY --chown=1:1 ["component:asyn/R4.42", "/opt/"]',
      'COPY --chown=1:1 ["components/asyn/R4.42/","/opt/"]',
    ],
    [
      'the root as it resolves, trailing /',
      'ADD /srv/registry/asyn/R4.42/ /build',
      'ADD ["components/asyn/R4.42/","/build"]',
    ],
    ['a relative source', 'COPY a.txt /a', 'COPY a.txt /a'],
    [
      'a heredoc, left for the policy',
      'COPY component:asyn/R4.42 <<EOF /x',
      'COPY component:asyn/R4.42 <<EOF /x',
    ],
    ['a COPY from a stage', 'COPY --from=base /etc/os-release /x', 'COPY --from=base /etc/os-release /x'],
  ])('%s', (_label, line, expected) => {
    expect(resolve(`${line}\n`).text).toBe(`${expected}\n`);
  });

  it('keeps later lines where they were when a continued instruction is rewritten', () => {
    const { text } = resolve('FROM scratch\nADD /srv/registry/asyn/R4.42 \\\n  /build\nRUN true\n');
    expect(text.split('\n')).toEqual([
      'FROM scratch',
      'ADD ["components/asyn/R4.42/","/build"]',
      '',
      'RUN true',
      '',
    ]);
  });

  it.each([
    ['a file of the machine', 'ADD /etc/passwd /x', 'dockerfile:2: ADD /etc/passwd'],
    ['the root itself', 'COPY /srv/registry /x', 'dockerfile:2: COPY /srv/registry:'],
    ['.. under the root', 'ADD /srv/registry/../../etc/x /x', 'dockerfile:2: ADD /srv/registry/../../etc/x'],
    [
      'a component path one level deeper',
      'ADD /srv/registry/asyn/R4.42/lib /x',
      'dockerfile:2: ADD /srv/registry/asyn/R4.42/lib',
    ],
    [
      'a flag with a space, beside a component',
      'ADD --chown="a b" component:asyn/R4.42 /x',
      'can’t go with a stored component',
    ],
  ])('refuses %s', (_label, line, message) => {
    expect(() => resolve(`FROM scratch\n${line}\n`)).toThrow(message);
  });
});
