import type { Tagger } from '../src/probe/tagger.js';

/**
 * java-17.0.14 from `java --version` ("openjdk 17.0.14 2025-01-21"). Lines such as "Picked up
 * JAVA_TOOL_OPTIONS" may come first (on stderr), and `-version` style output quotes the version on stderr.
 */
export const javaTagger: Tagger = {
  name: 'java',
  commands: [['java', '--version']],
  value: ([result]) => {
    const text = `${result?.stdout ?? ''}\n${result?.stderr ?? ''}`;
    const match = /^(?:openjdk|java)(?: version)? "?(\d[^\s"]*)"?/m.exec(text);
    if (!match) throw new Error(`no "openjdk <version>" line in ${JSON.stringify(text.trim())}`);
    return `java-${match[1]}`;
  },
};
