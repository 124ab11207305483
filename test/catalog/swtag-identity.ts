import type { SwTagFields } from '../../src/catalog/swtag-fields.js';

/** An ATLAS-like SW-Tag identity for tests, with the fields a test cares about overridden. */
export const swTagIdentity = (overrides: Partial<SwTagFields> = {}): SwTagFields => ({
  tagtype: 'container',
  imagetype: 'analysis',
  imagearch: 'x86_64',
  imageplatform: 'el9',
  imagecompiler: 'gcc13',
  prodstep: 'reco',
  swrelease: 'Athena-24.0.1',
  dbrelease: 'current',
  distswrelease: 'default',
  version: '1',
  ...overrides,
});

/** The same identity in AMI's (and REST's) field names, as a client sends it. */
export const AMI_SWTAG = {
  TAGTYPE: 'container',
  IMAGETYPE: 'analysis',
  IMAGEARCH: 'x86_64',
  IMAGEPLATFORM: 'el9',
  IMAGECOMPILER: 'gcc13',
  PRODSTEP: 'reco',
  SWRELEASE: 'Athena-24.0.1',
  DBRELEASE: 'current',
  DISTSWRELEASE: 'default',
  VERSION: '1',
};
