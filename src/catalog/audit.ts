import type { Transaction } from 'kysely';
import type { CatalogTables } from './catalog-tables.js';
import type { Actor } from '../service/auth/actor.js';

/** Appends one write to the audit log, in the writing transaction (no write without its entry). */
export async function audit(
  trx: Transaction<CatalogTables>,
  actor: Actor,
  action: string,
  entity: 'swtag' | 'image',
  entityId: string,
  changes: Record<string, unknown>,
): Promise<void> {
  await trx
    .insertInto('audit')
    .values({
      at: new Date().toISOString(),
      actor: actor.user,
      linux_username: actor.linuxUsername ?? null,
      github_username: actor.githubUsername ?? null,
      action,
      entity,
      entity_id: entityId,
      changes: JSON.stringify(changes),
    })
    .execute();
}
