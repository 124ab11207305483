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

/** The SW-Tag catalog's tables (its migrations: 0001-initial). */
export interface CatalogTables {
  swtag: SwTagTable;
  image: ImageTable;
  counter: CounterTable;
  audit: AuditTable;
}
