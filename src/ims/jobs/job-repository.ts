import { randomUUID } from 'node:crypto';
import type { Kysely, Selectable } from 'kysely';
import { notFoundError } from '../../errors/not-found-error.js';
import { appendJobLog } from '../../service/jobs/append-job-log.js';
import { imsDatabase } from '../ims-database.js';
import type { ImsJobTable, ImsTables } from '../ims-tables.js';
import { jobContainerName } from './job-container-name.js';
import { statusOfPhase, type JobPhase, type JobStatus, type JobType } from './job-statuses.js';
import type { SshContainer } from './ssh-container.js';

export { JOB_STATUSES, type JobStatus } from './job-statuses.js';
export type { SshContainer } from './ssh-container.js';

/** What a job is asked to do: Cray's JobRecord fields a client sets, defaults filled in (see jobRoutes). */
export interface JobRequest {
  job_type: JobType;
  artifact_id: string;
  image_root_archive_name: string;
  public_key_id: string | null;
  kernel_file_name: string;
  initrd_file_name: string;
  kernel_parameters_file_name: string;
  enable_debug: boolean;
  build_env_size: number;
  require_dkms: boolean;
  arch: string;
  ssh_containers: SshContainer[];
}

/** Cray's JobRecord, plus stackhook's `error`, `phases` and `updated`. */
export interface JobRecord extends JobRequest {
  id: string;
  status: JobStatus;
  resultant_image_id: string | null;
  kubernetes_job: string;
  kubernetes_service: string;
  kubernetes_configmap: string;
  kubernetes_namespace: string;
  error: string | null;
  /** Milliseconds spent in each phase so far. */
  phases: Partial<Record<JobPhase, number>>;
  created: string;
  updated: string;
}

/** What may change on a job as it runs (or by PATCH). `status` takes a phase: packaging shows as building. */
export type JobChanges = Partial<
  Pick<JobRecord, 'resultant_image_id' | 'error' | 'phases' | 'ssh_containers'> & { status: JobPhase }
>;

/** Which jobs a collection DELETE takes (Cray's filters; every one given must match). */
export interface JobFilter {
  statuses?: readonly JobStatus[];
  jobTypes?: readonly JobType[];
  /** Only jobs created before this time. */
  createdBefore?: Date;
}

/** IMS jobs: the record, its status as it moves, its log (appended line by line). */
export class JobRepository<Schema extends ImsTables = ImsTables> {
  private readonly db: Kysely<ImsTables>;

  constructor(database: Kysely<Schema>) {
    this.db = imsDatabase(database);
  }

  async create(job: JobRequest): Promise<JobRecord> {
    const now = new Date().toISOString();
    const row: ImsJobTable = {
      ...job,
      enable_debug: job.enable_debug ? 1 : 0,
      require_dkms: job.require_dkms ? 1 : 0,
      ssh_containers: JSON.stringify(job.ssh_containers),
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

  async list(filter: JobFilter = {}): Promise<JobRecord[]> {
    let query = this.db.selectFrom('ims_job').selectAll().orderBy('created').orderBy('id');
    if (filter.statuses?.length) query = query.where('status', 'in', [...filter.statuses]);
    if (filter.jobTypes?.length) query = query.where('job_type', 'in', [...filter.jobTypes]);
    if (filter.createdBefore) query = query.where('created', '<', filter.createdBefore.toISOString());
    return (await query.execute()).map(toRecord);
  }

  async get(id: string): Promise<JobRecord> {
    return toRecord(await this.row(id));
  }

  async log(id: string): Promise<string> {
    return (await this.row(id)).log;
  }

  async update(id: string, changes: JobChanges): Promise<void> {
    const { phases, ssh_containers, status, ...rest } = changes;
    await this.db
      .updateTable('ims_job')
      .set({
        ...rest,
        ...(status ? { status: statusOfPhase(status) } : {}),
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
  const job_type = rest.job_type as JobType;
  const container = jobContainerName({ id: rest.id, job_type });
  return {
    ...rest,
    job_type,
    status: rest.status as JobStatus,
    kernel_file_name: rest.kernel_file_name ?? 'vmlinuz',
    initrd_file_name: rest.initrd_file_name ?? 'initrd',
    kernel_parameters_file_name: rest.kernel_parameters_file_name ?? 'kernel-parameters',
    enable_debug: rest.enable_debug === 1,
    require_dkms: rest.require_dkms === 1,
    kubernetes_job: container,
    kubernetes_service: container,
    kubernetes_configmap: container,
    kubernetes_namespace: 'default',
    ssh_containers: JSON.parse(ssh_containers) as SshContainer[],
    phases: JSON.parse(phases) as JobRecord['phases'],
  };
}
