/** One instruction of a Containerfile as buildah's parser splits it. */
export interface ContainerfileInstruction {
  /** The line it starts on (1-based). */
  line: number;
  /** Lowercase, as buildah compares it. */
  name: string;
  /** The `--name[=value]` words before the arguments, quotes removed. */
  flags: string[];
  /** The rest of the instruction, continuation lines joined, trimmed. */
  args: string;
}

/** What the parser found: the instructions, and what the top of the file may not do. */
export interface ParsedContainerfile {
  escape: '\\' | '`';
  instructions: ContainerfileInstruction[];
  problems: { line: number; message: string }[];
}
