import type { Tagger } from '../src/probe/tagger.js';

/**
 * java-17.0.19 from `java -version` (`openjdk version "17.0.19" ...`, on stderr). docker-stacks runs
 * `java --version` ("openjdk 17.0.19 2026-04-21"), which Java 8 does not know; both forms are read, and lines
 * such as "Picked up JAVA_TOOL_OPTIONS" that may come first are skipped.
 */
export const javaTagger: Tagger = {
  name: 'java',
  commands: [['java', '-version']],
  value: ([result]) => {
    const text = `${result?.stdout ?? ''}\n${result?.stderr ?? ''}`;
    const match = /^(?:openjdk|java)(?: version)? "?(\d[^\s"]*)"?/m.exec(text);
    if (!match) throw new Error(`no "openjdk <version>" line in ${JSON.stringify(text.trim())}`);
    return `java-${match[1]}`;
  },
};
