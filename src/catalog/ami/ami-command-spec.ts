import type { AmiArguments } from './ami-arguments.js';
import type { AmiContext } from './ami-command-context.js';
import type { AmiRowset } from './ami-rowset.js';

/** One AMI command: the fields its arguments may give, and what it does with them. */
export interface AmiCommandSpec {
  takes: readonly string[];
  run(args: AmiArguments, context: AmiContext, name: string): Promise<AmiRowset[]>;
}
