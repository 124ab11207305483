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

// docker-stacks' --platform accepts arm64 (Apple machines) for aarch64; podman users write amd64.
const ALIASES: Readonly<Record<string, Platform>> = { arm64: 'aarch64', amd64: 'x86_64' };

/** A platform name as users write it (x86_64, aarch64, arm64, amd64), or undefined when it is none of them. */
export function parsePlatform(name: string): Platform | undefined {
  if (name in PLATFORMS) return name as Platform;
  return ALIASES[name];
}
