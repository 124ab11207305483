import * as Type from '../../service/schemas/type.js';

// Names become image names, tags, store keys and labels: OCI path components (lowercase letters and digits,
// joined by one `.`, one or two `_`, or dashes), so never starting with `-` (no option can be smuggled into
// podman or git), no `/` and no `..` (no path), and `<component>-<branch>-image` is a valid image name.
export const NAME = '^(?=.{1,64}$)[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*$';
/** A git tag or branch as the build API takes it: one path segment, never starting with `-` or `.`, no `..`. */
export const GIT_TAG = '^(?!.*\\.\\.)[A-Za-z0-9][A-Za-z0-9._-]{0,127}$';
/** A platform (x86_64, aarch64), `noarch` or a build environment: checked against BuildEnvironments. */
export const ARCHITECTURE = Type.String({ pattern: '^[a-z0-9][a-z0-9._-]{0,63}$' });
