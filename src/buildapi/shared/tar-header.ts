/** One tar header block (ustar, GNU or pax) as read: what the entry is and how many data bytes follow. */
export interface TarHeader {
  name: string;
  /** `0` file, `1` hard link, `2` symlink, `5` folder, `L`/`K` GNU long name/link, `x`/`g` pax, others refused. */
  type: string;
  size: number;
  mode: number;
  linkname: string;
}

const text = (block: Buffer, start: number, length: number) => {
  const field = block.subarray(start, start + length);
  const end = field.indexOf(0);
  return field.subarray(0, end === -1 ? length : end).toString('utf8');
};

const octal = (block: Buffer, start: number, length: number): number | undefined => {
  const value = text(block, start, length).trim();
  return /^[0-7]+$/.test(value) ? parseInt(value, 8) : value === '' ? 0 : undefined;
};

/** A 512-byte header, or undefined for an end block (all zeros); throws `reason` strings for what is no tar. */
export function parseTarHeader(block: Buffer): TarHeader | undefined {
  if (block.every((byte) => byte === 0)) return undefined;
  // The checksum counts its own field as spaces: a block that is not a tar header fails it.
  let sum = 0;
  for (let index = 0; index < 512; index += 1) sum += index >= 148 && index < 156 ? 32 : block[index]!;
  if (octal(block, 148, 8) !== sum) throw new Error('not a tar file (a header checksum is wrong)');
  // Base-256 sizes (over 8 GiB) are past any limit anyway.
  const size = block[124]! & 0x80 ? Number.MAX_SAFE_INTEGER : octal(block, 124, 12);
  if (size === undefined) throw new Error('not a tar file (a size is not a number)');
  const name = text(block, 0, 100);
  const type = String.fromCharCode(block[156]!).replace('\0', '0');
  // Read whatever the magic, as Python's tarfile (ad-build's unpacker) reads it: ignoring it without the ustar
  // magic would check another name than theirs. (GNU tar leaves it zero unless incremental.)
  const prefix = 'LKS'.includes(type) ? '' : text(block, 345, 155);
  return {
    name: prefix ? `${prefix}/${name}` : name,
    type: type === '7' ? '0' : type,
    size,
    mode: octal(block, 100, 8) ?? 0o644,
    linkname: text(block, 157, 100),
  };
}

/** pax extended header records (`<length> <key>=<value>\n`). */
export function parsePaxRecords(data: Buffer): Record<string, string> {
  const records: Record<string, string> = {};
  let offset = 0;
  while (offset < data.length) {
    const space = data.indexOf(32, offset);
    const length = Number(data.subarray(offset, space).toString());
    if (space === -1 || !Number.isInteger(length) || length <= 0)
      throw new Error('not a tar file (a bad pax record)');
    const record = data.subarray(space + 1, offset + length - 1).toString('utf8');
    const equals = record.indexOf('=');
    records[record.slice(0, equals)] = record.slice(equals + 1);
    offset += length;
  }
  return records;
}
