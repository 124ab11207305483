/** One line of `stackhook doctor`: what was found, or what is missing and the exact fix. */
export interface Check {
  name: string;
  ok: boolean;
  found: string;
  /** A command or step that fixes it, when not ok. */
  fix?: string;
}
