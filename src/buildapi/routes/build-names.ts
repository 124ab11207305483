// Names become image names, tags, store keys and labels: lowercase OCI components, never starting with `-` (no
// option can be smuggled into podman or git), no `/` or `..` (no path).
export const NAME = '^[a-z0-9][a-z0-9._-]{0,63}$';
/** A git tag or branch as the build API takes it: one path segment, never starting with `-` or `.`. */
export const GIT_TAG = '^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$';
export const ARCHITECTURE = { type: 'string', enum: ['x86_64', 'aarch64'] } as const;
