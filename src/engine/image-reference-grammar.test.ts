import { checkImageReference, isImageReference } from './image-reference-grammar.js';

describe('isImageReference', () => {
  it.each([
    'debian',
    'debian:bookworm-slim',
    'docker.io/library/debian:bookworm-slim',
    'localhost/stackhook/debootstrap:bookworm-minbase',
    'localhost:5000/stackhook-builds/widget-main-image:sha-0123456789ab',
    'Registry.Example.org:443/a/b__c/d-e:v1.2',
    `quay.io/x/y@sha256:${'a'.repeat(64)}`,
    `quay.io/x/y:tag@sha256:${'a'.repeat(64)}`,
    'a'.repeat(64),
  ])('takes %s', (reference) => {
    expect(isImageReference(reference)).toBe(true);
  });

  it.each([
    ['a tag walking up', 'localhost/stackhook/debootstrap:bookworm-../../x'],
    ['.. in a tag', 'localhost/stackhook/debootstrap:bookworm-..'],
    ['.. in a path', 'localhost/a..b/c'],
    ['an option', '--bogus-option'],
    ['upper case in a path', 'localhost/Stackhook/x'],
    ['a space', 'debian bookworm'],
    ['a new line', 'debian\n:latest'],
    ['an empty tag', 'debian:'],
    ['a slash in a tag', 'debian:a/b'],
    ['a query', 'debian?x=1'],
    ['a short digest', 'debian@sha256:abc'],
    ['nothing', ''],
    ['a long name', `localhost/${'a'.repeat(300)}`],
  ])('refuses %s', (_label, reference) => {
    expect(isImageReference(reference)).toBe(false);
    expect(() => checkImageReference(reference, 'recipe x')).toThrow(
      /recipe x: .* is not an image reference/,
    );
  });
});
