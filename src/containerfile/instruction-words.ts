/** An instruction's arguments as buildah splits the words of its non-JSON form (FROM, ADD and COPY sources). */
export function instructionWords(args: string): string[] {
  return args.split(/[\t\v\f\r ]+/).filter(Boolean);
}
