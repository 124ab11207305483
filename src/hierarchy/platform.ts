/** docker-stacks names platforms by machine (x86_64, aarch64); podman wants OCI platforms. */
export const PLATFORMS = {
  x86_64: { os: 'linux', architecture: 'amd64' },
  aarch64: { os: 'linux', architecture: 'arm64' },
} as const;

export type Platform = keyof typeof PLATFORMS;

export function ociPlatform(platform: Platform): string {
  const { os, architecture } = PLATFORMS[platform];
  return `${os}/${architecture}`;
}

export function hostPlatform(arch: string = process.arch): Platform {
  return arch === 'arm64' ? 'aarch64' : 'x86_64';
}
