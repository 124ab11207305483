import { existsSync } from 'node:fs';
import path from 'node:path';
import { stateDir } from '../../environment/state-dir.js';

/** The database `stackhook serve` opens without --database, and where `--register` and `catalog keys` look too. */
export interface DefaultDatabaseFile {
  file: string;
  /** Set when an older name is opened: what to tell the user. */
  note?: string;
}

/**
 * `.stackhook/service.sqlite` (it holds all three services' tables), or `.stackhook/catalog.sqlite` where only
 * that is there: the name versions before the service core used, still opened so that no data is left behind.
 */
export function defaultDatabaseFile(folder = stateDir()): DefaultDatabaseFile {
  const file = path.join(folder, 'service.sqlite');
  const old = path.join(folder, 'catalog.sqlite');
  if (!existsSync(file) && existsSync(old)) {
    return {
      file: old,
      note: `opening ${old}, the database's name before 0.2 (rename it service.sqlite to silence this note)`,
    };
  }
  return { file };
}
