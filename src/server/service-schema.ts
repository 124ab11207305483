import type { BuildApiTables } from '../buildapi/buildapi-tables.js';
import type { CatalogTables } from '../catalog/catalog-tables.js';
import type { ImsTables } from '../ims/ims-tables.js';
import type { ServiceTables } from '../service/database/service-tables.js';

/** The service's whole database: the core's tables and each feature's (the migrations create all of them). */
export type ServiceSchema = ServiceTables & CatalogTables & ImsTables & BuildApiTables;
