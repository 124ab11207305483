import { inputError } from '../../errors/stackhook-error.js';

/** How IMS jobs compress rootfs images: a squashfs compressor the kernel reads, and its level. */
export interface SquashfsCompression {
  compressor: 'gzip' | 'xz' | 'zstd' | 'lz4' | 'lzo';
  level?: number;
}

/**
 * gzip level 1: every kernel reads it, and it packed a Debian minbase root 5× faster than mksquashfs's
 * default (gzip 9) for 7% more bytes (bench/ims-create).
 */
export const DEFAULT_SQUASHFS: SquashfsCompression = { compressor: 'gzip', level: 1 };

const LEVELS: Record<SquashfsCompression['compressor'], [number, number] | undefined> = {
  gzip: [1, 9],
  xz: undefined,
  zstd: [1, 22],
  lz4: undefined,
  lzo: [1, 9],
};

/** `gzip`, `gzip:1`, `zstd:3`, `xz`...; errors name `subject` (the option it came from). */
export function parseSquashfsCompression(text: string, subject: string): SquashfsCompression {
  const [compressor, level, extra] = text.split(':');
  if (!compressor || !(compressor in LEVELS) || extra !== undefined)
    throw inputError(
      `"${text}" is not a squashfs compressor (${Object.keys(LEVELS).join(', ')}[:level])`,
      subject,
    );
  const range = LEVELS[compressor as SquashfsCompression['compressor']];
  if (level === undefined) return { compressor: compressor as SquashfsCompression['compressor'] };
  const number = Number(level);
  if (!range || !Number.isInteger(number) || number < range[0] || number > range[1])
    throw inputError(
      range
        ? `${compressor} levels are ${range[0]} to ${range[1]}, not ${level}`
        : `${compressor} takes no level`,
      subject,
    );
  return { compressor: compressor as SquashfsCompression['compressor'], level: number };
}

/** mksquashfs's options for a compression. */
export function mksquashfsOptions(compression: SquashfsCompression): string[] {
  const level = compression.level === undefined ? [] : ['-Xcompression-level', String(compression.level)];
  return ['-comp', compression.compressor, ...level];
}
