/**
 * A small KIWI NG description (`config.kiwi`/`config.xml`): one repository, the packages to install. Debian
 * descriptions (apt-deb, a distribution) build here; rpm-md ones name SUSE's or CentOS's repositories, which
 * are unreachable from these machines. A commented-out repository stays out of the repository check.
 */
export function kiwiDescription(options: {
  repository: string;
  packages: string[];
  /** Default: Debian's apt-deb repository of `distribution`. */
  repositoryType?: 'apt-deb' | 'rpm-md';
  distribution?: string;
}): string {
  const { repository, packages, repositoryType = 'apt-deb', distribution = 'bookworm' } = options;
  const repositoryAttributes =
    repositoryType === 'apt-deb'
      ? `type="apt-deb" distribution="${distribution}" components="main" repository_gpgcheck="false"`
      : 'type="rpm-md" alias="SLES15-Product"';
  return `<?xml version="1.0" encoding="utf-8"?>
<image schemaversion="7.4" name="stackhook-kiwi-test">
    <description type="system">
        <author>stackhook tests</author>
        <contact>tests@example.org</contact>
        <specification>a small root for IMS's kiwi-ng jobs</specification>
    </description>
    <preferences>
        <version>1.0.0</version>
        <packagemanager>${repositoryType === 'apt-deb' ? 'apt' : 'zypper'}</packagemanager>
        <type image="tbz"/>
    </preferences>
    <!-- <repository type="rpm-md"><source path="http://commented.invalid/out"/></repository> -->
    <repository ${repositoryAttributes}>
        <source path="${repository}"/>
    </repository>
    <packages type="image">
${packages.map((name) => `        <package name="${name}"/>`).join('\n')}
    </packages>
    <packages type="bootstrap">
    </packages>
</image>
`;
}
