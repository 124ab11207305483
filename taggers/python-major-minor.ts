import type { Tagger } from '../src/probe/tagger.js';
import { PYTHON_VERSION, pythonVersion } from './python.js';

/** python-3.11 (the same command as the python tagger: it runs once). */
export const pythonMajorMinorTagger: Tagger = {
  name: 'python-major-minor',
  commands: [PYTHON_VERSION],
  value: ([result]) => {
    const [major, minor] = pythonVersion(result).split('.');
    if (minor === undefined) throw new Error(`no minor version in ${JSON.stringify(result?.stdout)}`);
    return `python-${major}.${minor}`;
  },
};
