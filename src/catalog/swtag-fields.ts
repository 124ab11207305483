/** The descriptive fields that make a SW-Tag's identity: two tags never share all of them. */
export const SWTAG_IDENTITY = [
  'tagtype',
  'imagetype',
  'imagearch',
  'imageplatform',
  'imagecompiler',
  'prodstep',
  'swrelease',
  'dbrelease',
  'distswrelease',
  'version',
] as const;

export type SwTagIdentity = Record<(typeof SWTAG_IDENTITY)[number], string>;

/** What AddSWTag takes: every identity field, and an optional comment. */
export interface SwTagFields extends SwTagIdentity {
  comment?: string;
}
