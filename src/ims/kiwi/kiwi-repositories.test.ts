import { kiwiRepositories, repositoryProbeUrl } from './kiwi-repositories.js';

describe('kiwiRepositories', () => {
  it('finds each repository with its type, path and distribution, skipping comments', () => {
    const xml = `<image>
      <!-- <repository type="rpm-md"><source path="http://old.invalid/"/></repository> -->
      <repository type="apt-deb" distribution="bookworm" components="main">
        <source path="http://deb.debian.org/debian"/>
      </repository>
      <repository alias='SLES' type='rpm-md' priority="1"><source path='https://updates.suse.com/a?x=1&amp;y=2'/></repository>
      <repository><source path="obs://openSUSE:Leap:15.5/standard"></source></repository>
    </image>`;
    expect(kiwiRepositories(xml)).toEqual([
      { type: 'apt-deb', path: 'http://deb.debian.org/debian', distribution: 'bookworm', alias: undefined },
      { type: 'rpm-md', path: 'https://updates.suse.com/a?x=1&y=2', distribution: undefined, alias: 'SLES' },
      {
        type: 'rpm-md',
        path: 'obs://openSUSE:Leap:15.5/standard',
        distribution: undefined,
        alias: undefined,
      },
    ]);
  });
});

describe('repositoryProbeUrl', () => {
  const repository = { distribution: undefined, alias: undefined };
  it('asks an apt suite for its Release file and an rpm-md repository for repomd.xml', () => {
    expect(
      repositoryProbeUrl({
        ...repository,
        type: 'apt-deb',
        path: 'http://deb.debian.org/debian/',
        distribution: 'bookworm',
      }),
    ).toBe('http://deb.debian.org/debian/dists/bookworm/Release');
    expect(repositoryProbeUrl({ ...repository, type: 'rpm-md', path: 'https://updates.suse.com/p/' })).toBe(
      'https://updates.suse.com/p/repodata/repomd.xml',
    );
  });

  it('reads obs:// as openSUSE’s download server, and checks no local path', () => {
    expect(
      repositoryProbeUrl({ ...repository, type: 'rpm-md', path: 'obs://openSUSE:Leap:15.5/standard' }),
    ).toBe('https://download.opensuse.org/repositories/openSUSE:Leap:15.5/standard/repodata/repomd.xml');
    expect(repositoryProbeUrl({ ...repository, type: 'rpm-md', path: 'dir:///repos/local' })).toBeUndefined();
    expect(repositoryProbeUrl({ ...repository, type: 'rpm-md', path: 'file:///etc' })).toBeUndefined();
  });
});
