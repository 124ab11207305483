import fs from 'node:fs';
import path from 'node:path';
import { osReleaseOf, parseOsRelease } from './os-release.js';

const fixture = (name: string) =>
  fs.readFileSync(path.join('test/fixtures/probe-output', `${name}.txt`), 'utf8');

describe('os-release', () => {
  it.each([
    ['os-release-debian-12', { id: 'debian', versionId: '12' }],
    ['os-release-ubuntu-24.04', { id: 'ubuntu', versionId: '24.04' }],
    // Debian testing has no VERSION_ID: the SBOM then names the distribution without a version.
    ['os-release-debian-testing', { id: 'debian', versionId: '' }],
  ])('reads ID and VERSION_ID from %s', (name, expected) => {
    expect(osReleaseOf(fixture(name))).toEqual(expected);
  });

  it('gives nothing for a file without ID (or an image without the file)', () => {
    expect(osReleaseOf('')).toBeUndefined();
    expect(osReleaseOf('NAME="Something"\n')).toBeUndefined();
  });

  it('removes the quotes around values and ignores lines that are not KEY=value', () => {
    const fields = parseOsRelease(
      '# comment\nPRETTY_NAME="Debian GNU/Linux 12"\n  ID=debian  \nVERSION_CODENAME=\'x\'\n',
    );
    expect([...fields]).toEqual([
      ['PRETTY_NAME', 'Debian GNU/Linux 12'],
      ['ID', 'debian'],
      ['VERSION_CODENAME', 'x'],
    ]);
  });
});
