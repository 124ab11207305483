// The SW-Tag fields are a record's too (RegisteredImage): they live with the records, below every feature.
export { SWTAG_IDENTITY, type SwTagFields, type SwTagIdentity } from '../records/swtag-fields.js';

/** Who writes: the API key's user, and what the request said about the person behind it. */
export interface Actor {
  user: string;
  /** The API key's role; none for an anonymous request. */
  role?: 'reader' | 'writer' | 'admin';
  linuxUsername?: string;
  githubUsername?: string;
}
