// Bytes, as Go's parser walks them: it casts each byte to a rune, so 0x85 and 0xA0 (inside UTF-8 sequences)
// count as spaces there, and must here too.
const SPACE_BYTES = new Set([0x09, 0x0a, 0x0b, 0x0c, 0x0d, 0x20, 0x85, 0xa0]);
const DASH = 0x2d;
const BACKSLASH = 0x5c;
const QUOTES = new Set([0x22, 0x27]);

/**
 * The `--flag` words at the start of an instruction's arguments and the rest, split as buildah's parser
 * (extractBuilderFlags) does: words start with `--`, quotes and backslashes inside a word are removed, a lone
 * `--` ends the flags (it is kept in `flags`, last, so that a policy sees it; buildah drops it).
 */
export function splitBuilderFlags(text: string): { flags: string[]; rest: string } {
  const line = Buffer.from(text, 'utf8');
  const flags: string[] = [];
  const rest = (pos: number) => ({ flags, rest: line.subarray(pos).toString('utf8') });
  let phase: 'spaces' | 'word' | 'quote' = 'spaces';
  let word: number[] = [];
  let quote = 0;
  let blankOk = false;
  const keep = () => {
    if (blankOk || word.length > 0) flags.push(Buffer.from(word).toString('utf8'));
  };
  const isDoubleDash = () => word.length === 2 && word[0] === DASH && word[1] === DASH;
  for (let pos = 0; pos <= line.length; pos++) {
    const ch = pos < line.length ? line[pos]! : 0;
    if (phase === 'spaces') {
      if (pos === line.length) break;
      if (SPACE_BYTES.has(ch)) continue;
      if (ch !== DASH || pos + 1 === line.length || line[pos + 1] !== DASH) return rest(pos);
      phase = 'word';
    }
    if (pos === line.length) {
      if (!isDoubleDash()) keep();
      break;
    }
    if (phase === 'word') {
      if (SPACE_BYTES.has(ch)) {
        phase = 'spaces';
        if (isDoubleDash()) {
          flags.push('--');
          return rest(pos);
        }
        keep();
        word = [];
        blankOk = false;
        continue;
      }
      if (QUOTES.has(ch)) {
        quote = ch;
        blankOk = true;
        phase = 'quote';
        continue;
      }
      if (ch === BACKSLASH) {
        if (pos + 1 === line.length) continue;
        pos++;
      }
      word.push(line[pos]!);
      continue;
    }
    // In quotes.
    if (ch === quote) {
      phase = 'word';
      continue;
    }
    if (ch === BACKSLASH) {
      if (pos + 1 === line.length) {
        phase = 'word';
        continue;
      }
      pos++;
    }
    word.push(line[pos]!);
  }
  return { flags, rest: '' };
}
