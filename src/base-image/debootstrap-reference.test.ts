import { DEFAULT_MIRROR, debootstrapReference, parseDebootstrapReference } from './debootstrap.js';

describe('parseDebootstrapReference', () => {
  it.each([
    { suite: 'bookworm', variant: 'minbase' },
    { suite: 'trixie', variant: 'buildd' },
  ])('reads back what debootstrapReference made of %j', (spec) => {
    expect(parseDebootstrapReference(debootstrapReference(spec))).toEqual(spec);
  });

  it('names a root from another mirror apart, and one from the default mirror as if none was given', () => {
    const plain = debootstrapReference({ suite: 'bookworm', variant: 'minbase' });
    const other = debootstrapReference({
      suite: 'bookworm',
      variant: 'minbase',
      mirror: 'http://evil.example/debian',
    });
    const another = debootstrapReference({
      suite: 'bookworm',
      variant: 'minbase',
      mirror: 'http://a.example/debian',
    });
    expect(debootstrapReference({ suite: 'bookworm', variant: 'minbase', mirror: DEFAULT_MIRROR })).toBe(
      plain,
    );
    expect(other).toMatch(/^localhost\/stackhook\/debootstrap:bookworm-minbase-mirror-[0-9a-f]{12}$/);
    expect(new Set([plain, other, another]).size).toBe(3);
    // Only the default mirror's roots can be made again from their name alone.
    expect(parseDebootstrapReference(other)).toBeUndefined();
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
