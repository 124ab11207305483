import { randomUUID } from 'node:crypto';
import { buildApiDatabase } from '../buildapi-database.js';
import type { Kysely, Selectable } from 'kysely';
import { notFoundError } from '../../errors/not-found-error.js';
import { appendJobLog } from '../../service/jobs/append-job-log.js';
import type { BuildJobTable, BuildApiTables } from '../buildapi-tables.js';
import type { JobSink } from '../../service/jobs/job-progress.js';

export const COMPONENT_JOB_STATUSES = [
  'queued',
  'cloning',
  'building',
  'storing',
  'success',
  'error',
] as const;
export type ComponentJobStatus = (typeof COMPONENT_JOB_STATUSES)[number];

/** What names a component's tarball: built once per component, tag and architecture. */
export interface ComponentKey {
  component: string;
  tag: string;
  architecture: string;
}

export interface ComponentJobRecord extends ComponentKey {
  id: string;
  git_url: string;
  status: ComponentJobStatus;
  artifact_key: string | null;
  md5: string | null;
  error: string | null;
  phases: Partial<Record<ComponentJobStatus, number>>;
  requested_by: string;
  created: string;
  updated: string;
}

/** Build API component jobs: the record, its status as it moves, its log. */
export class ComponentJobRepository<
  Schema extends BuildApiTables = BuildApiTables,
> implements JobSink<ComponentJobStatus> {
  private readonly db: Kysely<BuildApiTables>;

  constructor(database: Kysely<Schema>) {
    this.db = buildApiDatabase(database);
  }

  async create(job: ComponentKey & { git_url: string; requested_by: string }): Promise<ComponentJobRecord> {
    const now = new Date().toISOString();
    const row = {
      ...job,
      id: randomUUID(),
      status: 'queued',
      artifact_key: null,
      md5: null,
      error: null,
      log: '',
      phases: '{}',
      created: now,
      updated: now,
    };
    await this.db.insertInto('build_job').values(row).execute();
    return toRecord(row);
  }

  async get(id: string): Promise<ComponentJobRecord> {
    return toRecord(await this.row(id));
  }

  async log(id: string): Promise<string> {
    return (await this.row(id)).log;
  }

  async update(
    id: string,
    changes: Partial<Pick<ComponentJobRecord, 'status' | 'artifact_key' | 'md5' | 'error' | 'phases'>>,
  ): Promise<void> {
    const { phases, ...rest } = changes;
    await this.db
      .updateTable('build_job')
      .set({
        ...rest,
        ...(phases ? { phases: JSON.stringify(phases) } : {}),
        updated: new Date().toISOString(),
      })
      .where('id', '=', id)
      .execute();
  }

  async appendLog(id: string, text: string): Promise<void> {
    await appendJobLog({ db: this.db, name: 'build_job' }, id, text);
  }

  private async row(id: string): Promise<Selectable<BuildJobTable>> {
    const row = await this.db.selectFrom('build_job').selectAll().where('id', '=', id).executeTakeFirst();
    if (!row) throw notFoundError(`build job ${id}`, { subject: id });
    return row;
  }
}

function toRecord(row: Selectable<BuildJobTable>): ComponentJobRecord {
  const { log: _log, phases, ...rest } = row;
  return {
    ...rest,
    status: rest.status as ComponentJobStatus,
    phases: JSON.parse(phases) as ComponentJobRecord['phases'],
  };
}
