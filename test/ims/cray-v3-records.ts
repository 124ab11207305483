// What Cray's IMS v3 answers, as JSON Schemas written from the facts of Cray-HPE/ims's api/openapi.yaml
// (components/schemas) and, where the spec is silent, of its server's record models (src/server/models): the
// fields Cray's server always dumps are required here, with the types and enums the spec gives. Fields Cray's
// server dumps as null (allow_none: a recipe's or image's link, a job's kubernetes_* and resultant_image_id,
// its ssh_containers) may be null. Other members are allowed: a client reads the fields it knows.

const uuid = { type: 'string', format: 'uuid' } as const;
const dateTime = { type: 'string', format: 'date-time' } as const;
const arch = { type: 'string', enum: ['aarch64', 'x86_64'] } as const;
const nullable = (schema: object) => ({ anyOf: [schema, { type: 'null' }] });

const artifactLink = {
  type: 'object',
  required: ['path', 'type'],
  properties: { path: { type: 'string' }, etag: { type: 'string' }, type: { type: 'string' } },
} as const;

const keyValuePair = {
  type: 'object',
  required: ['key', 'value'],
  properties: { key: { type: 'string' }, value: { type: 'string' } },
} as const;

const recipe = {
  type: 'object',
  required: [
    ...['id', 'created', 'name', 'recipe_type', 'linux_distribution'],
    ...['link', 'template_dictionary', 'arch', 'require_dkms'],
  ],
  properties: {
    id: uuid,
    created: dateTime,
    name: { type: 'string' },
    link: nullable(artifactLink),
    recipe_type: { type: 'string', enum: ['kiwi-ng', 'packer'] },
    linux_distribution: { type: 'string', enum: ['sles12', 'sles15', 'centos7'] },
    template_dictionary: nullable({ type: 'array', items: keyValuePair }),
    arch,
    require_dkms: { type: 'boolean' },
  },
} as const;

const image = {
  type: 'object',
  required: ['id', 'created', 'name', 'link', 'arch', 'metadata'],
  properties: {
    id: uuid,
    created: dateTime,
    name: { type: 'string', minLength: 1 },
    link: nullable(artifactLink),
    arch,
    metadata: { type: 'object', additionalProperties: { type: 'string' } },
  },
} as const;

const publicKey = {
  type: 'object',
  required: ['id', 'created', 'name', 'public_key'],
  properties: {
    id: uuid,
    created: dateTime,
    name: { type: 'string', minLength: 1 },
    public_key: { type: 'string', minLength: 1 },
  },
} as const;

/** A deleted record: the record, and when it was deleted. */
const deleted = (record: { required: readonly string[]; properties: object }) => ({
  type: 'object',
  required: [...record.required, 'deleted'],
  properties: { ...record.properties, deleted: dateTime },
});

const sshContainer = {
  type: 'object',
  required: ['name', 'jail', 'status', 'connection_info'],
  properties: {
    name: { type: 'string', minLength: 1, maxLength: 40 },
    jail: { type: 'boolean' },
    status: { type: 'string' },
    connection_info: {
      type: 'object',
      additionalProperties: {
        type: 'object',
        required: ['host', 'port'],
        properties: { host: { type: 'string' }, port: { type: 'integer' } },
      },
    },
  },
} as const;

export const CRAY_JOB_STATUSES = [
  ...['creating', 'fetching_image', 'fetching_recipe', 'waiting_for_repos'],
  ...['building_image', 'waiting_on_user', 'error', 'success'],
] as const;

const job = {
  type: 'object',
  required: [
    ...['id', 'created', 'job_type', 'artifact_id', 'public_key_id', 'image_root_archive_name'],
    ...['kernel_file_name', 'initrd_file_name', 'kernel_parameters_file_name', 'status', 'enable_debug'],
    ...['build_env_size', 'require_dkms', 'arch', 'ssh_containers', 'resultant_image_id'],
    ...['kubernetes_job', 'kubernetes_service', 'kubernetes_configmap', 'kubernetes_namespace'],
  ],
  properties: {
    id: uuid,
    created: dateTime,
    job_type: { type: 'string', enum: ['create', 'customize'] },
    artifact_id: uuid,
    // Required in Cray's JobRecord; a create job without a debug shell may have none here (null).
    public_key_id: nullable(uuid),
    image_root_archive_name: { type: 'string', minLength: 1 },
    kernel_file_name: { type: 'string', minLength: 1 },
    initrd_file_name: { type: 'string', minLength: 1 },
    kernel_parameters_file_name: { type: 'string', minLength: 1 },
    status: { type: 'string', enum: CRAY_JOB_STATUSES },
    enable_debug: { type: 'boolean' },
    build_env_size: { type: 'integer', minimum: 1 },
    require_dkms: { type: 'boolean' },
    arch,
    ssh_containers: nullable({ type: 'array', items: sshContainer }),
    resultant_image_id: nullable(uuid),
    kubernetes_job: nullable({ type: 'string' }),
    kubernetes_service: nullable({ type: 'string' }),
    kubernetes_configmap: nullable({ type: 'string' }),
    kubernetes_namespace: nullable({ type: 'string' }),
  },
} as const;

const remoteBuildNode = {
  type: 'object',
  required: ['xname'],
  properties: { xname: { type: 'string', minLength: 1 } },
} as const;

const remoteBuildNodeStatus = {
  type: 'object',
  required: ['xname', 'nodeArch', 'numCurrentJobs', 'podmanStatus', 'sshStatus', 'ableToRunJobs'],
  properties: {
    xname: { type: 'string', minLength: 1 },
    nodeArch: { type: 'string', minLength: 1 },
    numCurrentJobs: { type: 'integer', minimum: 0 },
    podmanStatus: { type: 'string', minLength: 1 },
    sshStatus: { type: 'string', minLength: 1 },
    ableToRunJobs: { type: 'boolean' },
  },
} as const;

const problem = {
  type: 'object',
  required: ['title', 'status', 'detail'],
  properties: {
    type: { type: 'string' },
    title: { type: 'string' },
    status: { type: 'integer' },
    detail: { type: 'string' },
    instance: { type: 'string' },
  },
} as const;

const listOf = (items: object) => ({ type: 'array', items });

/** Each of Cray's record types, and a list of it, by the spec's name. */
export const CRAY_RECORDS = {
  RecipeRecord: recipe,
  ImageRecord: image,
  PublicKeyRecord: publicKey,
  JobRecord: job,
  RemoteBuildNodeRecord: remoteBuildNode,
  DeletedRecipeRecord: deleted(recipe),
  DeletedImageRecord: deleted(image),
  DeletedPublicKeyRecord: deleted(publicKey),
  RecipeRecords: listOf(recipe),
  ImageRecords: listOf(image),
  PublicKeyRecords: listOf(publicKey),
  JobRecords: listOf(job),
  RemoteBuildNodeRecords: listOf(remoteBuildNode),
  RemoteBuildNodeStatuses: listOf(remoteBuildNodeStatus),
  DeletedRecipeRecords: listOf(deleted(recipe)),
  DeletedImageRecords: listOf(deleted(image)),
  DeletedPublicKeyRecords: listOf(deleted(publicKey)),
  ProblemDetails: problem,
  Version: { type: 'object', required: ['version'], properties: { version: { type: 'string' } } },
  Health: { type: 'object' },
} as const;
export type CrayRecordName = keyof typeof CRAY_RECORDS;
