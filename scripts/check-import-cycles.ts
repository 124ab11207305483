// `npm run lint`: fails when the layered code has an import circle, naming the files on each.
import { importCycles } from './import-cycles.js';

const { cycles, unresolved } = await importCycles(process.cwd());
for (const cycle of cycles) console.error(`import circle: ${[...cycle, cycle[0]].join(' -> ')}`);
for (const line of unresolved) console.error(`import not followed: ${line}`);
if (cycles.length > 0)
  console.error(`${cycles.length} import circle(s): break each (move the shared part down a layer)`);
if (cycles.length > 0 || unresolved.length > 0) process.exit(1);
