import type { AmiRowset } from './ami-rowset.js';

/** What an AMI command answers, before a converter writes it: its rowsets, or the errors that stopped it. */
export interface AmiAnswer {
  command: string;
  rowsets: readonly AmiRowset[];
  errors: readonly string[];
}
