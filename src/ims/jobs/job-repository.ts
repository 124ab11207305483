import { randomUUID } from 'node:crypto';
import { notFoundError } from '../../errors/not-found-error.js';
import { imsDatabase } from '../ims-database.js';
import type { Kysely, Selectable } from 'kysely';
import { appendJobLog } from '../../service/jobs/append-job-log.js';
import type { ImsTables, ImsJobTable } from '../ims-tables.js';

export const JOB_STATUSES = [
  'creating',
  'fetching_recipe',
  'fetching_image',
  'waiting_for_repos',
  'building_image',
  'packaging_artifacts',
  'waiting_on_user',
  'success',
  'error',
] as const;
export type JobStatus = (typeof JOB_STATUSES)[number];

/** How to reach a customize job's sshd (IMS's ssh_containers entry). */
export interface SshContainer {
  name: string;
  /** Always false here: the user lands in the sshd container with the image root at /mnt/image/image-root. */
  jail: boolean;
  status: 'pending' | 'ready' | 'complete' | 'failed';
  /** The sshd's host key (an OpenSSH public key line): what `known_hosts` should hold for it. */
  host_key?: string;
  connection_info: { customer_access: { host: string; port: number; user: string } } | Record<string, never>;
}

export interface JobRecord {
  id: string;
  job_type: 'create' | 'customize';
  artifact_id: string;
  image_root_archive_name: string;
  status: JobStatus;
  resultant_image_id: string | null;
  error: string | null;
  /** Customize jobs: the public key their sshd authorises. */
  public_key_id: string | null;
  ssh_containers: SshContainer[];
  /** Milliseconds spent in each phase so far. */
  phases: Partial<Record<JobStatus, number>>;
  created: string;
  updated: string;
}

/** IMS jobs: the record, its status as it moves, its log (appended line by line). */
export class JobRepository<Schema extends ImsTables = ImsTables> {
  private readonly db: Kysely<ImsTables>;

  constructor(database: Kysely<Schema>) {
    this.db = imsDatabase(database);
  }

  async create(
    job: Pick<JobRecord, 'job_type' | 'artifact_id' | 'image_root_archive_name'> & { public_key_id?: string },
  ): Promise<JobRecord> {
    const now = new Date().toISOString();
    const row = {
      ...job,
      public_key_id: job.public_key_id ?? null,
      ssh_containers: '[]',
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
    changes: Partial<
      Pick<JobRecord, 'status' | 'resultant_image_id' | 'error' | 'phases' | 'ssh_containers'>
    >,
  ): Promise<void> {
    const { phases, ssh_containers, ...rest } = changes;
    await this.db
      .updateTable('ims_job')
      .set({
        ...rest,
        ...(phases ? { phases: JSON.stringify(phases) } : {}),
        ...(ssh_containers ? { ssh_containers: JSON.stringify(ssh_containers) } : {}),
        updated: new Date().toISOString(),
      })
      .where('id', '=', id)
      .execute();
  }

  /** Removes the record (its job must not be running: the runner cancels it first). */
  async delete(id: string): Promise<void> {
    await this.db.deleteFrom('ims_job').where('id', '=', id).execute();
  }

  async appendLog(id: string, text: string): Promise<void> {
    await appendJobLog({ db: this.db, name: 'ims_job' }, id, text);
  }

  private async row(id: string): Promise<Selectable<ImsJobTable>> {
    const row = await this.db.selectFrom('ims_job').selectAll().where('id', '=', id).executeTakeFirst();
    if (!row) throw notFoundError(`job ${id}`);
    return row;
  }
}

function toRecord(row: Selectable<ImsJobTable>): JobRecord {
  const { log: _log, phases, ssh_containers, ...rest } = row;
  return {
    ...rest,
    ssh_containers: JSON.parse(ssh_containers) as SshContainer[],
    job_type: rest.job_type as JobRecord['job_type'],
    status: rest.status as JobStatus,
    phases: JSON.parse(phases) as JobRecord['phases'],
  };
}
