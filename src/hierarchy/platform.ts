import { inputError } from '../errors/stackhook-error.js';

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

/** A platform named by a user (an option, an input), else this machine's; unknown is bad input naming `subject`. */
export function requirePlatform(name: string | undefined, subject: string): Platform {
  if (name === undefined) return hostPlatform();
  const platform = parsePlatform(name);
  if (!platform) throw inputError(`unknown platform "${name}" (x86_64, aarch64, arm64)`, subject);
  return platform;
}
