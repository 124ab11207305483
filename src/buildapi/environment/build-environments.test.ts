import { BuildEnvironments } from './build-environments.js';

const environments = new BuildEnvironments([
  { name: 'deb12', image: 'localhost/deb12-env:latest', platform: 'x86_64', aliases: [] },
]);

describe('BuildEnvironments', () => {
  it.each([
    ['x86_64', { platform: 'x86_64' }],
    ['aarch64', { platform: 'aarch64' }],
    ['noarch', {}],
    ['deb12', { platform: 'x86_64', image: 'localhost/deb12-env:latest' }],
  ])('knows %s', (name, expected) => {
    expect(environments.resolve(name, 'arch')).toMatchObject({ name, ...expected });
  });

  it('refuses an unknown name, naming the field and listing the known ones', () => {
    expect(() => environments.resolve('rocky9', 'arch')).toThrow(
      'arch: unknown architecture or build environment "rocky9" (known: x86_64, aarch64, noarch, deb12)',
    );
  });

  it('gives the declared images, and the image a FROM of <registry>/<name>-env stands for', () => {
    expect(environments.images()).toEqual(['localhost/deb12-env:latest']);
    expect(environments.imageForReference('ghcr.io/ad-build-test/deb12-env:latest')).toBe(
      'localhost/deb12-env:latest',
    );
    expect(environments.imageForReference('ghcr.io/ad-build-test/deb12-env')).toBe(
      'localhost/deb12-env:latest',
    );
    expect(environments.imageForReference('ghcr.io/ad-build-test/DEB12-env:latest')).toBe(
      'localhost/deb12-env:latest',
    );
    expect(environments.imageForReference('deb12-env:latest')).toBeUndefined();
    expect(environments.imageForReference('ghcr.io/x/x86_64-env:latest')).toBeUndefined();
  });
});
