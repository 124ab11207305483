/** The databases the service runs on: SQLite (a file, the default) and PostgreSQL. */
export type DatabaseDialect = 'sqlite' | 'postgres';
