/** AMI's result shape: rowsets of a type, rows of named fields. */
export interface AmiRowset {
  type: string;
  rows: Record<string, unknown>[];
}
