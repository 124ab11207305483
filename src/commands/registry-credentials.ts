import type { RegistryLogin } from '../registry/auth-file.js';

/** How a command reaches the registries: a user's auth file, or a user and password (else podman's default). */
export interface RegistryCredentials {
  authFile?: string;
  login?: RegistryLogin;
}
