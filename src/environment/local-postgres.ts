import { chown, mkdir, readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import pg from 'pg';
import { runCommand, tail } from '../engine/run-command.js';
import { stageError } from '../errors/stackhook-error.js';
import type { Log } from '../log/log.js';
import { aptInstall, canAptInstall } from './apt-install.js';
import { stateDir } from './state-dir.js';

export const LOCAL_POSTGRES_PORT = 54329;

export interface LocalPostgres {
  /** postgres:// URL of the maintenance database (tests create their own databases from it). */
  url: string;
  how: string;
}

/**
 * A throwaway PostgreSQL for the catalog's tests: one already answering on 127.0.0.1:54329, else a cluster under
 * the state folder (trust auth, listening on 127.0.0.1 only), made with Debian's postgresql, installed when this
 * process may. initdb and the server run as the postgres user when we are root.
 */
export async function ensureLocalPostgres(log: Log, install: boolean): Promise<LocalPostgres> {
  const url = `postgres://postgres@127.0.0.1:${LOCAL_POSTGRES_PORT}/postgres`;
  if (await answers(url)) return { url, how: 'already running' };
  let bin = await postgresBin();
  if (!bin && install && (await canAptInstall())) {
    log.info('postgresql is missing: installing it with apt-get');
    await aptInstall(['postgresql'], log, false);
    bin = await postgresBin();
  }
  if (!bin) throw stageError('PostgreSQL is not installed', 'postgres', 'fix: apt-get install -y postgresql');
  const dir = path.join(stateDir(), 'postgres');
  const data = path.join(dir, 'data');
  await mkdir(dir, { recursive: true });
  const asRoot = process.getuid?.() === 0;
  const run = async (program: string, args: string[]) => {
    const argv = asRoot ? ['-u', 'postgres', '--', path.join(bin!, program), ...args] : args;
    const result = await runCommand(asRoot ? 'runuser' : path.join(bin!, program), argv, {
      timeoutMs: 120_000,
    });
    if (result.exitCode !== 0)
      throw stageError(`${program} failed`, 'postgres', tail(result.stderr || result.stdout, 10));
  };
  if (asRoot) await chown(dir, ...(await postgresIds()));
  if (!(await stat(path.join(data, 'PG_VERSION')).catch(() => undefined))) {
    log.info(`creating a PostgreSQL cluster in ${data}`);
    await run('initdb', ['-D', data, '-U', 'postgres', '--auth=trust', '--no-sync']);
  }
  log.info(`starting PostgreSQL on 127.0.0.1:${LOCAL_POSTGRES_PORT}`);
  const options = `-k ${dir} -p ${LOCAL_POSTGRES_PORT} -c listen_addresses=127.0.0.1`;
  await run('pg_ctl', ['-D', data, '-o', options, '-l', path.join(dir, 'postgres.log'), '-w', 'start']);
  if (!(await answers(url)))
    throw stageError('PostgreSQL did not start', 'postgres', `see ${path.join(dir, 'postgres.log')}`);
  return { url, how: `started from ${bin}` };
}

async function answers(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    await client.query('select 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** Debian's newest /usr/lib/postgresql/<version>/bin. */
async function postgresBin(): Promise<string | undefined> {
  const versions = await readdir('/usr/lib/postgresql').catch(() => [] as string[]);
  const newest = versions.filter((version) => /^\d+$/.test(version)).sort((a, b) => Number(b) - Number(a))[0];
  return newest && path.join('/usr/lib/postgresql', newest, 'bin');
}

async function postgresIds(): Promise<[number, number]> {
  const result = await runCommand('id', ['-u', 'postgres']);
  const group = await runCommand('id', ['-g', 'postgres']);
  return [Number(result.stdout.trim()), Number(group.stdout.trim())];
}
