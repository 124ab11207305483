import type { Actor } from '../../service/auth/actor.js';

/**
 * Who a component job says asked for it: the user (a key's, or serve --trust-network-user's), with the
 * linux_username / github_username headers when sent (a key-less caller is known by them).
 */
export function requestedBy(actor: Actor): string {
  const said = [
    actor.linuxUsername && `linux_username ${actor.linuxUsername}`,
    actor.githubUsername && `github_username ${actor.githubUsername}`,
  ].filter(Boolean);
  return said.length > 0 ? `${actor.user} (${said.join(', ')})` : actor.user;
}
