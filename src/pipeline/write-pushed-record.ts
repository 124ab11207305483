import path from 'node:path';
import { writeFilesAtomically } from '../fs/atomic-write.js';
import type { PushedImage } from '../registry/pushed-image.js';
import { pushedPath } from './hook-outputs.js';
import { filePrefix } from './image-naming.js';

/** Leaves a push's record in `<out>/pushed/`, where `register` and a child's job (`--parents-from registry`) read it. */
export async function writePushedRecord(outDir: string, pushed: PushedImage): Promise<void> {
  const file = pushedPath(path.resolve(outDir), filePrefix(pushed.platform, pushed.variant), pushed.image);
  await writeFilesAtomically(new Map([[file, `${JSON.stringify(pushed, null, 2)}\n`]]));
}
