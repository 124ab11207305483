import * as Type from '../../service/schemas/type.js';

export const newJobBody = Type.Object(
  {
    job_type: Type.Enum(['create', 'customize'], { type: 'string' }),
    /** The recipe (create) or image (customize) the job starts from. */
    artifact_id: Type.String({ format: 'uuid' }),
    image_root_archive_name: Type.String({ pattern: '^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$' }),
    public_key_id: Type.Optional(Type.String({ format: 'uuid' })),
  },
  { additionalProperties: false },
);
