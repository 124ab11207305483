import { readFileSync } from 'node:fs';
import type { Package } from '../records/package.js';
import type { OsRelease } from '../probe/os-release.js';
import { packageUrl } from './package-url.js';

const DEBIAN_12: OsRelease = { id: 'debian', versionId: '12' };
const apt = (name: string, version: string, architecture?: string): Package => ({
  name,
  version,
  source: 'apt',
  ...(architecture === undefined ? {} : { architecture }),
});

describe('packageUrl', () => {
  it.each<[string, Package, string]>([
    [
      'a plain version',
      apt('adduser', '3.134', 'all'),
      'pkg:deb/debian/adduser@3.134?arch=all&distro=debian-12',
    ],
    [
      'an epoch colon (never encoded) and a plus',
      apt('bsdutils', '1:2.38.1-5+deb12u3', 'amd64'),
      'pkg:deb/debian/bsdutils@1:2.38.1-5%2Bdeb12u3?arch=amd64&distro=debian-12',
    ],
    [
      'a tilde (never encoded)',
      apt('debianutils', '5.7-0.5~deb12u1', 'amd64'),
      'pkg:deb/debian/debianutils@5.7-0.5~deb12u1?arch=amd64&distro=debian-12',
    ],
    [
      'plus and tilde together',
      apt('fonts-font-awesome', '5.0.10+really4.7.0~dfsg-4.1', 'all'),
      'pkg:deb/debian/fonts-font-awesome@5.0.10%2Breally4.7.0~dfsg-4.1?arch=all&distro=debian-12',
    ],
    [
      'a plus in the name',
      apt('libstdc++6', '12.2.0-14+deb12u1', 'amd64'),
      'pkg:deb/debian/libstdc%2B%2B6@12.2.0-14%2Bdeb12u1?arch=amd64&distro=debian-12',
    ],
    ['no architecture', apt('dash', '0.5.12-2'), 'pkg:deb/debian/dash@0.5.12-2?distro=debian-12'],
  ])('apt, %s', (_label, pkg, purl) => {
    expect(packageUrl(pkg, DEBIAN_12)).toBe(purl);
  });

  it.each<[string, OsRelease, string]>([
    [
      'Ubuntu',
      { id: 'ubuntu', versionId: '24.04' },
      'pkg:deb/ubuntu/dash@0.5.12-2?arch=amd64&distro=ubuntu-24.04',
    ],
    [
      'an uppercase ID',
      { id: 'Debian', versionId: '12' },
      'pkg:deb/debian/dash@0.5.12-2?arch=amd64&distro=debian-12',
    ],
    [
      'no VERSION_ID (Debian testing)',
      { id: 'debian', versionId: '' },
      'pkg:deb/debian/dash@0.5.12-2?arch=amd64',
    ],
  ])('apt on %s', (_label, os, purl) => {
    expect(packageUrl(apt('dash', '0.5.12-2', 'amd64'), os)).toBe(purl);
  });

  it('needs the OS for an apt package', () => {
    expect(() => packageUrl(apt('dash', '0.5.12-2', 'amd64'))).toThrow(
      'apt package dash: a deb purl needs the OS (/etc/os-release ID)',
    );
  });

  it.each<[string, string, string]>([
    ['alembic', '1.8.1.dev0', 'pkg:pypi/alembic@1.8.1.dev0'],
    ['Jinja2', '3.1.2', 'pkg:pypi/jinja2@3.1.2'],
    ['PyJWT', '2.6.0', 'pkg:pypi/pyjwt@2.6.0'],
    ['Send2Trash', '1.8.1b0', 'pkg:pypi/send2trash@1.8.1b0'],
    ['jupyter_core', '4.12.0', 'pkg:pypi/jupyter-core@4.12.0'],
    ['ruamel.yaml', '0.17.21', 'pkg:pypi/ruamel-yaml@0.17.21'],
    ['ruamel.yaml.clib', '0.2.7', 'pkg:pypi/ruamel-yaml-clib@0.2.7'],
    ['a__b.-_c', '1', 'pkg:pypi/a-b-c@1'],
    ['debugpy', '1.6.3+git20221103.a2a3328', 'pkg:pypi/debugpy@1.6.3%2Bgit20221103.a2a3328'],
  ])('pip %s %s', (name, version, purl) => {
    expect(packageUrl({ name, version, source: 'pip' }, DEBIAN_12)).toBe(purl);
  });

  it.each<[string, string, string]>([
    ['base', '4.2.2', 'pkg:cran/base@4.2.2'],
    ['grDevices', '4.2.2', 'pkg:cran/grDevices@4.2.2'],
    ['rJava', '1.0-4', 'pkg:cran/rJava@1.0-4'],
  ])('R %s %s (case kept)', (name, version, purl) => {
    expect(packageUrl({ name, version, source: 'R' })).toBe(purl);
  });

  it.each<[string, string]>([
    ['a b', 'a%20b'],
    ["!'()*", '%21%27%28%29%2A'],
    ['@?#&=/%', '%40%3F%23%26%3D%2F%25'],
    ['é', '%C3%A9'],
  ])('percent-encodes %j in a version as %s', (version, encoded) => {
    expect(packageUrl({ name: 'x', version, source: 'R' })).toBe(`pkg:cran/x@${encoded}`);
  });

  it('gives every package of the real apt listing a canonical purl that decodes back to it', () => {
    const listing = readFileSync(
      new URL('../../test/fixtures/probe-output/apt-list-installed.txt', import.meta.url),
      'utf8',
    );
    const packages = [...listing.matchAll(/^([^/\n]+)\/\S+ (\S+) (\S+) \[/gm)].map(
      ([, name, version, arch]) => apt(name ?? '', version ?? '', arch),
    );
    expect(packages.length).toBeGreaterThan(300);
    // Only unreserved characters, ':' and %XX triplets; decoding gives back the listing's name and version.
    const nameChars = String.raw`(?:[a-z0-9.-]|%[0-9A-F]{2})+`;
    const versionChars = String.raw`(?:[A-Za-z0-9.~_:-]|%[0-9A-F]{2})+`;
    const canonical = new RegExp(
      String.raw`^pkg:deb/debian/(${nameChars})@(${versionChars})\?arch=(?:all|amd64)&distro=debian-12$`,
    );
    const wrong = packages.filter((pkg) => {
      const [, name, version] = canonical.exec(packageUrl(pkg, DEBIAN_12)) ?? [];
      return (
        name === undefined ||
        version === undefined ||
        decodeURIComponent(name) !== pkg.name ||
        decodeURIComponent(version) !== pkg.version
      );
    });
    expect(wrong).toEqual([]);
  });
});
