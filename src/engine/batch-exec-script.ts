import type { ExecResult } from './exec-result.js';

/**
 * A fixed POSIX sh program that runs many commands concurrently inside one exec: one exec costs about 0.1 s,
 * ten execs through the API about 0.6 s. The commands arrive as argv ("<limit> <argc> arg... <limit> <argc>
 * arg..."), never as shell text, so nothing from the caller is ever parsed by the shell.
 *
 * A command with a limit (whole seconds; 0: none) is SIGKILLed when it runs longer (the watchdog's `sleep` is in
 * every image a probe container runs: it is that container's entrypoint). Its output is copied once it ends: a
 * process it left behind may go on writing to it, and the byte counts must stay those of the bytes sent.
 *
 * Of each stream the last 16 MiB are kept (a test printing without end must not fill this process's memory).
 *
 * For each command it writes a header line "@@stackhook <index> <exit> <stdout bytes> <stderr bytes> <flags>"
 * (flags: 1 timed out, 2 output cut to its end) followed by the raw stdout and stderr bytes.
 */
export const BATCH_EXEC_SCRIPT = `
d=$(mktemp -d 2>/dev/null) || { d=/tmp/.stackhook.$$; mkdir -p "$d"; } || exit 125
keep() {
  b=$(( $(wc -c <"$1") / 65536 - 255 ))
  if [ "$b" -gt 0 ] && dd if="$1" of="$2" bs=65536 skip="$b" 2>/dev/null; then : >"$3"
  else cat "$1" >"$2"; fi
}
i=0
while [ $# -gt 1 ]; do
  s=$1; n=$2; shift 2
  (
    t=$#; j=0
    while [ "$j" -lt "$t" ]; do
      if [ "$j" -lt "$n" ]; then set -- "$@" "$1"; fi
      shift; j=$((j+1))
    done
    if [ "$s" -gt 0 ]; then
      "$@" >"$d/$i.o" 2>"$d/$i.e" </dev/null &
      p=$!
      ( sleep "$s" && : >"$d/$i.t" && kill -9 "$p" ) >/dev/null 2>&1 </dev/null &
      w=$!
      wait "$p"; r=$?
      kill "$w" 2>/dev/null
    else
      "$@" >"$d/$i.o" 2>"$d/$i.e" </dev/null; r=$?
    fi
    keep "$d/$i.o" "$d/$i.out" "$d/$i.c"; keep "$d/$i.e" "$d/$i.err" "$d/$i.c"
    echo $r >"$d/$i.rc"
  ) &
  shift "$n"
  i=$((i+1))
done
wait
k=0
while [ "$k" -lt "$i" ]; do
  x=0; if [ -e "$d/$k.t" ]; then x=1; fi; if [ -e "$d/$k.c" ]; then x=$((x+2)); fi
  printf '@@stackhook %s %s %s %s %s\\n' "$k" "$(cat "$d/$k.rc")" "$(wc -c <"$d/$k.out")" "$(wc -c <"$d/$k.err")" "$x"
  cat "$d/$k.out" "$d/$k.err"
  k=$((k+1))
done
rm -rf "$d"
`;

export const BATCH_SHELL = '/bin/sh';

/** argv for the exec: sh -c SCRIPT sh <limit> <argc> <args...> ...; a limit in seconds is rounded up. */
export function batchArgv(
  commands: readonly (readonly string[])[],
  timeoutSeconds: readonly (number | undefined)[] = [],
): string[] {
  return [
    BATCH_SHELL,
    '-c',
    BATCH_EXEC_SCRIPT,
    'stackhook-batch',
    ...commands.flatMap((argv, index) => [
      String(Math.ceil(timeoutSeconds[index] ?? 0)),
      String(argv.length),
      ...argv,
    ]),
  ];
}

/** Splits the script's framed output back into one result per command; throws when the framing is broken. */
export function parseBatchOutput(output: Buffer, commands: readonly (readonly string[])[]): ExecResult[] {
  const results: ExecResult[] = [];
  let offset = 0;
  for (let index = 0; index < commands.length; index++) {
    const newline = output.indexOf(0x0a, offset);
    if (newline < 0) throw new Error(`batch output ended before command ${index}`);
    const header = output.subarray(offset, newline).toString('utf8').trim().split(/\s+/);
    const [marker, position, exit, outBytes, errBytes, flags] = header;
    // Every field must be there and numeric: a missing .rc file (command killed) leaves a field empty, and
    // reading the remaining fields shifted would give a wrong exit code and wrong byte counts.
    const numeric = header.length === 6 && header.slice(1).every((field) => /^\d+$/.test(field));
    if (marker !== '@@stackhook' || !numeric || Number(position) !== index) {
      throw new Error(`unexpected batch header for command ${index}: ${header.join(' ')}`);
    }
    const stdoutEnd = newline + 1 + Number(outBytes);
    const stderrEnd = stdoutEnd + Number(errBytes);
    if (stderrEnd > output.length) throw new Error(`batch output truncated in command ${index}`);
    results.push({
      argv: commands[index]!,
      exitCode: Number(exit),
      stdout: output.subarray(newline + 1, stdoutEnd).toString('utf8'),
      stderr: output.subarray(stdoutEnd, stderrEnd).toString('utf8'),
      ...(Number(flags) & 1 ? { timedOut: true } : {}),
      ...(Number(flags) & 2 ? { truncated: true } : {}),
    });
    offset = stderrEnd;
  }
  return results;
}
