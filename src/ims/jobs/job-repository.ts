import { randomUUID } from 'node:crypto';
import type { Kysely, Selectable } from 'kysely';
import type { CatalogSchema, ImsJobTable } from '../../catalog/catalog-schema.js';
import { notFound } from '../ims-table.js';

export const JOB_STATUSES = [
  'creating',
  'fetching_recipe',
  'building_image',
  'packaging_artifacts',
  'waiting_on_user',
  'success',
  'error',
] as const;
export type JobStatus = (typeof JOB_STATUSES)[number];

export interface JobRecord {
  id: string;
  job_type: 'create' | 'customize';
  artifact_id: string;
  image_root_archive_name: string;
  status: JobStatus;
  resultant_image_id: string | null;
  error: string | null;
  /** Milliseconds spent in each phase so far. */
  phases: Partial<Record<JobStatus, number>>;
  created: string;
  updated: string;
}

/** IMS jobs: the record, its status as it moves, its log (appended line by line). */
export class JobRepository {
  constructor(private readonly db: Kysely<CatalogSchema>) {}

  async create(
    job: Pick<JobRecord, 'job_type' | 'artifact_id' | 'image_root_archive_name'>,
  ): Promise<JobRecord> {
    const now = new Date().toISOString();
    const row = {
      ...job,
      id: randomUUID(),
      status: 'creating',
      resultant_image_id: null,
      error: null,
      log: '',
      phases: '{}',
      created: now,
      updated: now,
    };
    await this.db.insertInto('ims_job').values(row).execute();
    return toRecord(row);
  }

  async list(): Promise<JobRecord[]> {
    return (await this.db.selectFrom('ims_job').selectAll().orderBy('created').orderBy('id').execute()).map(
      toRecord,
    );
  }

  async get(id: string): Promise<JobRecord> {
    return toRecord(await this.row(id));
  }

  async log(id: string): Promise<string> {
    return (await this.row(id)).log;
  }

  async update(
    id: string,
    changes: Partial<Pick<JobRecord, 'status' | 'resultant_image_id' | 'error' | 'phases'>>,
  ): Promise<void> {
    const { phases, ...rest } = changes;
    await this.db
      .updateTable('ims_job')
      .set({
        ...rest,
        ...(phases ? { phases: JSON.stringify(phases) } : {}),
        updated: new Date().toISOString(),
      })
      .where('id', '=', id)
      .execute();
  }

  async appendLog(id: string, text: string): Promise<void> {
    const { log } = await this.row(id);
    // The newest 1 MiB is kept: a runaway build can't fill the database.
    await this.db
      .updateTable('ims_job')
      .set({ log: `${log}${text}`.slice(-1024 * 1024) })
      .where('id', '=', id)
      .execute();
  }

  private async row(id: string): Promise<Selectable<ImsJobTable>> {
    const row = await this.db.selectFrom('ims_job').selectAll().where('id', '=', id).executeTakeFirst();
    if (!row) throw notFound(`job ${id}`);
    return row;
  }
}

function toRecord(row: Selectable<ImsJobTable>): JobRecord {
  const { log: _log, phases, ...rest } = row;
  return {
    ...rest,
    job_type: rest.job_type as JobRecord['job_type'],
    status: rest.status as JobStatus,
    phases: JSON.parse(phases) as JobRecord['phases'],
  };
}
