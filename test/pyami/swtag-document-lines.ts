/**
 * The SW-Tag document's command lines, spelled as it spells them (as an ATLAS user's shell passes them on: one
 * word per argument, the quotes taken off). `version` makes each run's SW-Tag a new identity.
 */
export const documentLines = (version: string, digest: (n: number) => string) => ({
  addSwTag: [
    'AddSWTag',
    '-imageType=analysis',
    '-imageArch=x86_64',
    '-imagePlatform=el9',
    '-imageCompiler=gcc13',
    '-prodstep=reco',
    '-swRelease=Athena 24.0.1',
    '-dbRelease=current',
    '-distRelease=default',
    `-version=${version}`,
    '-comment=first build',
  ],
  getSwTagInfo: (tag: string) => ['GetSWTagInfo', `-swTag=${tag}`],
  getAmiTagInfo: (tag: string) => ['GetAMITagInfo', `-amiTag=${tag}`],
  updateSwTag: (tag: string) => [
    'UpdateSWTag',
    `-tagName=${tag}`,
    '-distRelease=python-3.11',
    '-comment=rebuilt',
  ],
  addImage: (tag: string) => [
    'AddImage',
    '-registry=registry.example.org',
    '-repositoryUser=atlas',
    '-repositoryName=athena',
    `-repositorySWTag=${tag}`,
    `-hashDigest=${digest(1)}`,
  ],
  listImagesForSwTag: (tag: string) => ['ListImagesForSWTag', `-swTag=${tag}`],
  getImageInfo: (id: string) => ['GetImageInfo', `-id=${id}`],
  updateImage: (id: string, tag: string) => [
    'UpdateImage',
    `-id=${id}`,
    '-registry=registry.example.org',
    '-repositoryUser=atlas',
    '-repositoryName=athena',
    `-repositorySWTag=${tag}`,
    '-repositoryCounter=0',
    `-hashDigest=${digest(2)}`,
  ],
  dellImage: (id: string) => ['DellImage', `-id=${id}`],
});
