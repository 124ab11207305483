import { StackhookError } from '../errors/stackhook-error.js';
import type { SoftDeletable } from './soft-deletable.js';

/**
 * Runs `change` on every record live (or under deleted/), one at a time, as Cray's collection DELETE and PATCH
 * do. A record another request moved or removed meanwhile (404) is skipped; any other failure stops the run and
 * is the request's answer (the records done so far stay done, each whole).
 */
export async function eachRecord<R extends { id: string }>(
  records: SoftDeletable<R>,
  deleted: boolean,
  change: (id: string) => Promise<unknown>,
): Promise<void> {
  for (const { id } of await records.list(deleted)) {
    try {
      await change(id);
    } catch (error) {
      if (!(error instanceof StackhookError && error.status === 404)) throw error;
    }
  }
}
