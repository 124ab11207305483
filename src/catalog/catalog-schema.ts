import type { Generated } from 'kysely';

/** SWTAG, as AMI names its columns (lowercase here; the API and the AMI commands use AMI's upper-case names). */
export interface SwTagTable {
  id: Generated<number>;
  tagtype: string;
  tagnumber: number;
  tagname: string;
  imagetype: string;
  imagearch: string;
  imageplatform: string;
  imagecompiler: string;
  prodstep: string;
  swrelease: string;
  dbrelease: string;
  distswrelease: string;
  version: string;
  comment: string;
  created: string;
  createdby: string;
  modified: string;
  modifiedby: string;
}

/** IMAGE: one image published under a SW-Tag. */
export interface ImageTable {
  id: Generated<number>;
  registry: string;
  repository_user: string;
  repository_name: string;
  repository_swtag: string;
  repository_counter: number;
  hash_digest: string;
  created: string;
  createdby: string;
  modified: string;
  modifiedby: string;
}

/** Counters that only go up: the next SW-Tag number, and each (registry, user, name, swtag)'s next counter. */
export interface CounterTable {
  name: string;
  value: number;
}

/** Every write: who, when, what changed (a JSON diff). */
export interface AuditTable {
  id: Generated<number>;
  at: string;
  actor: string;
  linux_username: string | null;
  github_username: string | null;
  action: string;
  entity: string;
  entity_id: string;
  changes: string;
}

export type Role = 'reader' | 'writer' | 'admin';

/** An API key: its public prefix, a hash of the whole key, whose it is and what it may do. */
export interface ApiKeyTable {
  id: Generated<number>;
  prefix: string;
  hash: string;
  username: string;
  role: Role;
  created: string;
  /** When it was last used (to the minute), null if never. */
  last_used: string | null;
}

/** A web page login: a hash of the session id the cookie holds, the key it stands for, when it ends. */
export interface LoginSessionTable {
  id_hash: string;
  api_key_id: number;
  created: string;
  expires: string;
}

/** IMS: a recipe (how to make an image's root) and where its archive is. */
export interface ImsRecipeTable {
  id: string;
  name: string;
  recipe_type: string;
  linux_distribution: string;
  /** JSON object: the recipe's parameters (suite, variant, packages...). */
  template_dictionary: string;
  link_path: string | null;
  link_etag: string | null;
  link_type: string | null;
  created: string;
  deleted: string | null;
}

/** IMS: an SSH public key customize jobs put into their container. */
export interface ImsPublicKeyTable {
  id: string;
  name: string;
  public_key: string;
  created: string;
  deleted: string | null;
}

/** IMS: an image, linked to its manifest.json once its artifacts are in the store. */
export interface ImsImageTable {
  id: string;
  name: string;
  arch: string;
  link_path: string | null;
  link_etag: string | null;
  link_type: string | null;
  created: string;
  deleted: string | null;
}

/** IMS: a create (or customize) job. */
export interface ImsJobTable {
  id: string;
  job_type: string;
  /** The recipe (create) or image (customize) it starts from. */
  artifact_id: string;
  image_root_archive_name: string;
  status: string;
  resultant_image_id: string | null;
  error: string | null;
  log: string;
  /** JSON: milliseconds spent in each phase. */
  phases: string;
  /** Customize jobs: the public key their sshd authorises. */
  public_key_id: string | null;
  /** JSON: IMS's ssh_containers (how to reach a customize job's sshd). */
  ssh_containers: string;
  created: string;
  updated: string;
}

export interface BuildJobTable {
  id: string;
  component: string;
  tag: string;
  architecture: string;
  /** Without credentials: URLs holding them are refused. */
  git_url: string;
  status: string;
  /** The tarball's key in the artifact store, once stored. */
  artifact_key: string | null;
  md5: string | null;
  error: string | null;
  log: string;
  /** JSON: milliseconds spent in each phase. */
  phases: string;
  requested_by: string;
  created: string;
  updated: string;
}

/** One fact about the service that owns the database, by name (`instance_id`). */
export interface ServiceSettingTable {
  name: string;
  value: string;
}

export interface CatalogSchema {
  swtag: SwTagTable;
  image: ImageTable;
  counter: CounterTable;
  audit: AuditTable;
  api_key: ApiKeyTable;
  login_session: LoginSessionTable;
  ims_recipe: ImsRecipeTable;
  ims_public_key: ImsPublicKeyTable;
  ims_image: ImsImageTable;
  ims_job: ImsJobTable;
  build_job: BuildJobTable;
  service_setting: ServiceSettingTable;
}
