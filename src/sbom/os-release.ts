/** The distribution an image runs, from its /etc/os-release (ID and VERSION_ID, e.g. debian and 12). */
export interface OsRelease {
  id: string;
  /** Empty where the distribution has no VERSION_ID (Debian testing). */
  versionId: string;
}
