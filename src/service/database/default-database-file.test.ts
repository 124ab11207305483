import { mkdtemp, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { defaultDatabaseFile } from './default-database-file.js';

describe('defaultDatabaseFile', () => {
  it.each([
    ['a new state folder', [], 'service.sqlite', false],
    ['only the old catalog.sqlite', ['catalog.sqlite'], 'catalog.sqlite', true],
    ['both files', ['catalog.sqlite', 'service.sqlite'], 'service.sqlite', false],
    ['only service.sqlite', ['service.sqlite'], 'service.sqlite', false],
  ])('%s → %s', async (_name, present, expected, noted) => {
    const folder = await mkdtemp(path.join(os.tmpdir(), 'stackhook-default-db-'));
    for (const name of present) await writeFile(path.join(folder, name), '');
    const found = defaultDatabaseFile(folder);
    expect(found.file).toBe(path.join(folder, expected));
    expect(found.note !== undefined).toBe(noted);
  });
});
