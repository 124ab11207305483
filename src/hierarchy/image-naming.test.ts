import { parsePlatform, type Platform } from './platform.js';
import { filePrefix, latestReference, tagPrefix } from './image-naming.js';

const hierarchy = { registry: 'quay.io', owner: 'jupyter' };

describe('docker-stacks naming of platforms and variants', () => {
  // [platform, variant, tag prefix, file prefix, latest reference]
  // prettier-ignore
  it.each<[Platform, string, string, string, string]>([
    ['x86_64', 'default', 'x86_64', 'x86_64-default', 'quay.io/jupyter/base-notebook:x86_64-latest'],
    ['aarch64', 'default', 'aarch64', 'aarch64-default', 'quay.io/jupyter/base-notebook:aarch64-latest'],
    ['x86_64', 'cuda12', 'x86_64-cuda12', 'x86_64-cuda12', 'quay.io/jupyter/base-notebook:x86_64-cuda12-latest'],
    ['aarch64', 'cuda', 'aarch64-cuda', 'aarch64-cuda', 'quay.io/jupyter/base-notebook:aarch64-cuda-latest'],
  ])('%s, variant %s: tags %s-*, files %s-*', (platform, variant, tag, file, latest) => {
    expect(tagPrefix(platform, variant)).toBe(tag);
    expect(filePrefix(platform, variant)).toBe(file);
    expect(latestReference(hierarchy, 'base-notebook', platform, variant)).toBe(latest);
  });

  // docker-stacks' --platform takes arm64 (Apple machines) for aarch64.
  it.each<[string, Platform | undefined]>([
    ['x86_64', 'x86_64'],
    ['aarch64', 'aarch64'],
    ['arm64', 'aarch64'],
    ['amd64', 'x86_64'],
    ['i386', undefined],
    ['ARM64', undefined],
  ])('--platform %s is %s', (name, platform) => {
    expect(parsePlatform(name)).toBe(platform);
  });
});
