import { mksquashfsOptions, parseSquashfsCompression } from './squashfs-compression.js';

describe('parseSquashfsCompression', () => {
  it.each([
    ['gzip', ['-comp', 'gzip']],
    ['gzip:1', ['-comp', 'gzip', '-Xcompression-level', '1']],
    ['zstd:19', ['-comp', 'zstd', '-Xcompression-level', '19']],
    ['xz', ['-comp', 'xz']],
    ['lz4', ['-comp', 'lz4']],
  ])('takes %s', (text, options) => {
    expect(mksquashfsOptions(parseSquashfsCompression(text, '--squashfs'))).toEqual(options);
  });

  it.each([
    ['brotli', /not a squashfs compressor/],
    ['gzip:0', /gzip levels are 1 to 9, not 0/],
    ['gzip:high', /gzip levels are 1 to 9/],
    ['xz:3', /xz takes no level/],
    ['gzip:1:2', /not a squashfs compressor/],
    ['-comp', /not a squashfs compressor/],
  ])('refuses %s', (text, message) => {
    expect(() => parseSquashfsCompression(text, '--squashfs')).toThrow(message);
  });
});
