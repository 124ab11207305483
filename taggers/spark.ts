import type { Tagger } from '../src/probe/tagger.js';
import { ifInstalled } from './when-present.js';

// The last line of Spark's ASCII-art banner carries the version: "   /___/ .__/\_,_/_/ /_/\_\   version 3.5.4"
const BANNER_VERSION = /\/___\/ .*\bversion (\S+)\s*$/m;

/** spark-3.5.4 from the banner `spark-submit --version` prints on stderr, when Spark is installed. */
export const sparkTagger: Tagger = {
  name: 'spark',
  commands: [['spark-submit', '--version']],
  allowFailure: true,
  value: ([result]) => {
    const installed = ifInstalled(result);
    if (!installed) return undefined;
    const text = `${installed.stdout}\n${installed.stderr}`;
    const version = BANNER_VERSION.exec(text)?.[1];
    if (!version) throw new Error(`no "version" line in ${JSON.stringify(text.trim().slice(0, 400))}`);
    return `spark-${version}`;
  },
};
