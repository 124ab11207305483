import { ImageAllowList } from './image-allow-list.js';

describe('ImageAllowList', () => {
  const list = new ImageAllowList([
    'localhost/stackhook/debootstrap:bookworm-minbase',
    ' registry.example/b/ ',
    'r.example/gcc:',
    '',
  ]);
  it.each<[string, boolean]>([
    ['localhost/stackhook/debootstrap:bookworm-minbase', true],
    ['localhost/stackhook/debootstrap:trixie-minbase', false],
    ['localhost/stackhook/ims-job:1', false],
    ['registry.example/b/gcc:13', true],
    ['registry.example/bb/gcc:13', false],
    ['r.example/gcc:13', true],
    ['r.example/gcc', false],
    ['r.example/gcc-evil:1', false],
  ])('%s → %s', (image, allowed) => {
    expect(list.allows(image)).toBe(allowed);
  });

  it('lists its entries, blanks dropped', () => {
    expect(list.toString()).toBe(
      'localhost/stackhook/debootstrap:bookworm-minbase, registry.example/b/, r.example/gcc:',
    );
  });
});
