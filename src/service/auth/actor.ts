/** Who writes: the API key's user, and what the request said about the person behind it. */
export interface Actor {
  user: string;
  /** The API key's role; none for an anonymous request. */
  role?: 'reader' | 'writer' | 'admin';
  /** Acting without a key, from a trusted network (serve --trust-network). */
  keyless?: boolean;
  linuxUsername?: string;
  githubUsername?: string;
}
