// Every operation of Cray's IMS v3 API (Cray-HPE/ims api/openapi.yaml, its /v3 paths and the probes beside
// them): method and path as the spec writes them, the status its success answers with and the record it holds.
import type { CrayRecordName } from './cray-v3-records.js';

export interface CrayOperation {
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE';
  path: string;
  status: 200 | 201 | 204;
  /** The body of the answer (none for 204). */
  answer?: CrayRecordName;
}

const op = (
  method: CrayOperation['method'],
  path: string,
  status: CrayOperation['status'],
  answer?: CrayRecordName,
): CrayOperation => ({ method, path, status, ...(answer ? { answer } : {}) });

/** A collection, its records by id, and their deleted/ counterparts, as Cray's recipes, images and keys have. */
const softDeletable = (
  name: string,
  id: string,
  deletedId: string,
  records: {
    one: CrayRecordName;
    list: CrayRecordName;
    deletedOne: CrayRecordName;
    deletedList: CrayRecordName;
  },
  patchable: boolean,
): CrayOperation[] => [
  op('GET', `/v3/${name}`, 200, records.list),
  op('POST', `/v3/${name}`, 201, records.one),
  op('DELETE', `/v3/${name}`, 204),
  op('GET', `/v3/${name}/{${id}}`, 200, records.one),
  ...(patchable ? [op('PATCH', `/v3/${name}/{${id}}`, 200, records.one)] : []),
  op('DELETE', `/v3/${name}/{${id}}`, 204),
  op('GET', `/v3/deleted/${name}`, 200, records.deletedList),
  op('DELETE', `/v3/deleted/${name}`, 204),
  op('PATCH', `/v3/deleted/${name}`, 204),
  op('GET', `/v3/deleted/${name}/{${deletedId}}`, 200, records.deletedOne),
  op('DELETE', `/v3/deleted/${name}/{${deletedId}}`, 204),
  op('PATCH', `/v3/deleted/${name}/{${deletedId}}`, 204),
];

export const CRAY_V3_OPERATIONS: CrayOperation[] = [
  ...softDeletable(
    'recipes',
    'recipe_id',
    'recipe_id',
    {
      one: 'RecipeRecord',
      list: 'RecipeRecords',
      deletedOne: 'DeletedRecipeRecord',
      deletedList: 'DeletedRecipeRecords',
    },
    true,
  ),
  ...softDeletable(
    'images',
    'image_id',
    'deleted_image_id',
    {
      one: 'ImageRecord',
      list: 'ImageRecords',
      deletedOne: 'DeletedImageRecord',
      deletedList: 'DeletedImageRecords',
    },
    true,
  ),
  ...softDeletable(
    'public-keys',
    'public_key_id',
    'deleted_public_key_id',
    {
      one: 'PublicKeyRecord',
      list: 'PublicKeyRecords',
      deletedOne: 'DeletedPublicKeyRecord',
      deletedList: 'DeletedPublicKeyRecords',
    },
    false,
  ),
  op('GET', '/v3/remote-build-nodes', 200, 'RemoteBuildNodeRecords'),
  op('POST', '/v3/remote-build-nodes', 201, 'RemoteBuildNodeRecord'),
  op('DELETE', '/v3/remote-build-nodes', 204),
  op('GET', '/v3/remote-build-nodes/{remote_build_node_xname}', 200, 'RemoteBuildNodeRecord'),
  op('DELETE', '/v3/remote-build-nodes/{remote_build_node_xname}', 204),
  op('GET', '/v3/remote-build-nodes/status', 200, 'RemoteBuildNodeStatuses'),
  op('GET', '/v3/remote-build-nodes/status/{remote_build_node_xname}', 200, 'RemoteBuildNodeStatuses'),
  op('GET', '/v3/jobs', 200, 'JobRecords'),
  op('POST', '/v3/jobs', 201, 'JobRecord'),
  op('DELETE', '/v3/jobs', 204),
  op('GET', '/v3/jobs/{job_id}', 200, 'JobRecord'),
  op('PATCH', '/v3/jobs/{job_id}', 200, 'JobRecord'),
  op('DELETE', '/v3/jobs/{job_id}', 204),
  op('GET', '/healthz/ready', 200, 'Health'),
  op('GET', '/healthz/live', 200, 'Health'),
  op('GET', '/version', 200, 'Version'),
];

/** `GET /v3/images/{image_id}`: an operation's name, as the spec's path template and method make it. */
export const operationName = (operation: Pick<CrayOperation, 'method' | 'path'>) =>
  `${operation.method} ${operation.path}`;
