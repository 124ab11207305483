const UNITS = ['B', 'kB', 'MB', 'GB', 'TB', 'PB'];

/** Sizes as `docker images` prints them (go-units HumanSize: decimal units, 3 significant digits): 1.23GB. */
export function humanSize(bytes: number): string {
  let size = bytes;
  let unit = 0;
  while (size >= 1000 && unit < UNITS.length - 1) {
    size /= 1000;
    unit++;
  }
  return `${Number(size.toPrecision(3))}${UNITS[unit]}`;
}
