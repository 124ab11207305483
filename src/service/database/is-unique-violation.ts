/** A unique constraint refused an insert (SQLite's SQLITE_CONSTRAINT_UNIQUE or PostgreSQL's 23505). */
export function isUniqueViolation(error: unknown): boolean {
  const code = (error as { code?: string })?.code;
  return code === 'SQLITE_CONSTRAINT_UNIQUE' || code === '23505';
}
