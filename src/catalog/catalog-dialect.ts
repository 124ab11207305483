/** The databases the catalog runs on: SQLite (a file, the default) and PostgreSQL. */
export type CatalogDialect = 'sqlite' | 'postgres';
