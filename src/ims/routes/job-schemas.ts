export interface NewJob {
  job_type: 'create' | 'customize';
  /** The recipe (create) or image (customize) the job starts from. */
  artifact_id: string;
  image_root_archive_name: string;
  public_key_id?: string;
}

export const newJobBody = {
  type: 'object',
  additionalProperties: false,
  required: ['job_type', 'artifact_id', 'image_root_archive_name'],
  properties: {
    job_type: { type: 'string', enum: ['create', 'customize'] },
    artifact_id: { type: 'string', format: 'uuid' },
    image_root_archive_name: { type: 'string', pattern: '^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$' },
    public_key_id: { type: 'string', format: 'uuid' },
  },
} as const;
