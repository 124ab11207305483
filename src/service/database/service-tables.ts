import type { Generated } from 'kysely';

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

/** One fact about the service that owns the database, by name (`instance_id`). */
export interface ServiceSettingTable {
  name: string;
  value: string;
}

/** The service core's own tables: API keys and login sessions (auth), the service's settings. */
export interface ServiceTables {
  api_key: ApiKeyTable;
  login_session: LoginSessionTable;
  service_setting: ServiceSettingTable;
}
