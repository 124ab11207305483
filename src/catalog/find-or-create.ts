import { isUniqueViolation } from '../service/database/is-unique-violation.js';

/**
 * The row `find` returns, else the one `create` inserts. Two writers can both find nothing and both insert:
 * the unique constraint refuses the second, whose caller then gets the first writer's row.
 */
export async function findOrCreate<T>(
  find: () => Promise<T | undefined>,
  create: () => Promise<T>,
): Promise<{ row: T; created: boolean }> {
  const existing = await find();
  if (existing) return { row: existing, created: false };
  try {
    return { row: await create(), created: true };
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    const raced = await find();
    if (!raced) throw error;
    return { row: raced, created: false };
  }
}
