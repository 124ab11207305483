import { debootstrapReference, parseDebootstrapReference } from './debootstrap.js';

describe('parseDebootstrapReference', () => {
  it.each([
    { suite: 'bookworm', variant: 'minbase' },
    { suite: 'trixie', variant: 'buildd' },
  ])('reads back what debootstrapReference made of %j', (spec) => {
    expect(parseDebootstrapReference(debootstrapReference(spec))).toEqual(spec);
  });

  it.each([
    'docker.io/library/debian:bookworm-slim',
    'localhost/stackhook/debootstrap:bookworm',
    'localhost/stackhook/debootstrap:bookworm-minbase-extra',
    'localhost/stackhook/ims-sshd:bookworm',
  ])('is undefined for %s', (image) => {
    expect(parseDebootstrapReference(image)).toBeUndefined();
  });
});
