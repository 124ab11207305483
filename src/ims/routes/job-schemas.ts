import * as Type from '../../service/schemas/type.js';
import { JOB_STATUSES, JOB_TYPES } from '../jobs/job-statuses.js';

/** A file of the image root's /boot: a name, never a path. */
const bootFileName = (description: string) =>
  Type.Optional(
    Type.String({
      pattern: '^(?!\\.\\.?$)[A-Za-z0-9._+-]{1,128}$',
      description: `${description} (a name in /boot)`,
    }),
  );

/** Cray's JobRecord as a client sends it: every field it may set; unknown and read-only fields are refused. */
export const newJobBody = Type.Object(
  {
    job_type: Type.Enum([...JOB_TYPES], { type: 'string' }),
    /** The recipe (create) or image (customize) the job starts from. */
    artifact_id: Type.String({ format: 'uuid' }),
    image_root_archive_name: Type.String({ pattern: '^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$' }),
    /** Required by customize jobs; on create jobs, the key of the debug shell (enable_debug). */
    public_key_id: Type.Optional(Type.String({ format: 'uuid' })),
    kernel_file_name: bootFileName('the kernel'),
    initrd_file_name: bootFileName('the initrd'),
    kernel_parameters_file_name: bootFileName('the kernel parameters'),
    enable_debug: Type.Optional(Type.Boolean()),
    /** GiB the image root may take. */
    build_env_size: Type.Optional(Type.Integer({ minimum: 1, maximum: 65_536 })),
    require_dkms: Type.Optional(Type.Boolean()),
    ssh_containers: Type.Optional(
      Type.Array(
        Type.Object(
          {
            name: Type.String({ minLength: 1, maxLength: 40, pattern: '^[A-Za-z0-9._-]+$' }),
            jail: Type.Optional(Type.Boolean()),
          },
          { additionalProperties: false },
        ),
        { maxItems: 1 },
      ),
    ),
  },
  { additionalProperties: false },
);

/** Cray's JobPatchRecord (internal use: admin keys only). */
export const jobPatchBody = Type.Object(
  {
    status: Type.Optional(Type.Enum([...JOB_STATUSES], { type: 'string' })),
    resultant_image_id: Type.Optional(Type.String({ format: 'uuid' })),
  },
  { additionalProperties: false, minProperties: 1 },
);

/** DELETE /jobs's filters: `status` and `job_type` once or repeated (checked by jobFilterOf), `age` as `1d`. */
export const deleteJobsQuery = Type.Object(
  {
    status: Type.Optional(Type.Unknown()),
    job_type: Type.Optional(Type.Unknown()),
    age: Type.Optional(Type.String({ maxLength: 64 })),
  },
  { additionalProperties: false },
);
