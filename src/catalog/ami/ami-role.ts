import type { Role } from '../../service/database/service-tables.js';

/** Get, List and Search commands (and pyAMI-atlas' AMIGet...) are reads; Add and Update need a writer; Dell an admin. */
export function amiCommandRole(name: string, readsNeedKey: boolean): Role | undefined {
  if (name === 'GetUserInfo') return 'reader';
  if (/^(AMI)?(Get|List|Search)/.test(name)) return readsNeedKey ? 'reader' : undefined;
  return name.startsWith('Dell') ? 'admin' : 'writer';
}
