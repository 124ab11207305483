import type { SwTagFields } from './swtag-fields.js';

/** One registry an image was registered in: its catalog row and the `<swtag>-<counter>` reference pushed. */
export interface RegisteredPublication {
  registry: string;
  owner: string;
  /** `<host>/<owner>/<image>:<swtag>-<counter>` */
  reference: string;
  digest: string;
  imageId: number;
  counter: number;
  /** false when the catalog already had this publication (a rerun). */
  added: boolean;
  /** false when the registry already had the reference at this digest. */
  pushed: boolean;
}

/** The registration stage's record for one image. */
export interface RegisteredImage {
  image: string;
  swtag: string;
  /** false when a SW-Tag of this identity existed. */
  swtagCreated: boolean;
  fields: SwTagFields;
  publications: RegisteredPublication[];
  durationMs: number;
}
