// TypeBox's builders that the services' request schemas use, re-exported by name, for `import * as Type` (read as
// TypeBox's own `Type.Object(...)`). TypeBox's `Type` namespace would bring all of TypeBox (~150 KB) into every
// command that checks a catalog field (hook, walk, register): from named exports, the bundle keeps only these.
export { Array, Boolean, Enum, Integer, Object, Optional, String, Unknown } from 'typebox';
