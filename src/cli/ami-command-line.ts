import { inputError } from '../errors/stackhook-error.js';

/** What `stackhook ami` was asked, read from its words. */
export interface AmiCommandLine {
  /** The catalog's URL. */
  catalog: string;
  /** The Converter field sent (pyAMI's stylesheet names, or json|xml|text|csv). */
  converter: string;
  /** The command as AMI's syntax writes it, values quoted. */
  command: string;
  help: boolean;
}

/** pyAMI's `-f` formats, by the Converter each sends (dom_object and dict_object print what comes, as -f xml/json). */
const PYAMI_FORMATS: Record<string, string> = {
  xml: 'AMIXmlToXml.xsl',
  dom_object: 'AMIXmlToXml.xsl',
  json: 'AMIXmlToJson.xsl',
  dict_object: 'AMIXmlToJson.xsl',
  text: 'AMIXmlToText.xsl',
  csv: 'AMIXmlToCsv.xsl',
};

export const AMI_USAGE = `usage: stackhook ami [-e <catalog url>] [-f xml|dom_object|json|dict_object|text|csv] [cmd] <Command> [-arg="value" ...]
       stackhook ami <Command> [-arg="value" ...] [--catalog <url>] [--converter json|xml|text|csv]

Runs an AMI command against a SW-Tag catalog, pyAMI's command line as ATLAS users type it (ami -e <endpoint>
-f <format> cmd GetSWTagInfo -swTag="sw1"): scripts work by replacing \`ami\` with \`stackhook ami\`.
  -e, --endpoint, --catalog <url>   the catalog (default: STACKHOOK_CATALOG, else http://127.0.0.1:8080)
  -f, --format <format>             pyAMI's format names (default: text)
  --converter <name>                a Converter: json, xml, text, csv or AMI's stylesheet names
  -h, --help                        this text (no catalog is contacted)
Credentials: -AMIUser="<user>" -AMIPass="<API key>" in the command, as pyAMI sends them, or an API key in
STACKHOOK_CATALOG_KEY (sent as Authorization: Bearer).`;

const OPTIONS: Record<string, 'catalog' | 'format' | 'converter'> = {
  '-e': 'catalog',
  '--endpoint': 'catalog',
  '--catalog': 'catalog',
  '-f': 'format',
  '--format': 'format',
  '--converter': 'converter',
};

/**
 * Reads `stackhook ami`'s words: pyAMI's options before the command (and `cmd`/`command`), this CLI's own
 * anywhere; the rest is the AMI command, each `-name=value` put back in quotes (the shell took them off).
 */
export function readAmiCommandLine(args: readonly string[], env: NodeJS.ProcessEnv): AmiCommandLine {
  const words = [...args];
  const given: Partial<Record<'catalog' | 'format' | 'converter', string>> = {};
  const command: string[] = [];
  let help = false;
  while (words.length > 0) {
    const word = words.shift()!;
    const [flag, inline] = word.startsWith('--') && word.includes('=') ? word.split(/=(.*)/s) : [word];
    const option = OPTIONS[flag!];
    const beforeCommand = command.length === 0;
    if (option && (beforeCommand || flag!.startsWith('--'))) {
      const value = inline ?? words.shift();
      if (!value) throw inputError(`${flag} needs a value`, flag);
      given[option] = value;
    } else if (beforeCommand && (word === '-h' || word === '--help')) help = true;
    else if (beforeCommand && (word === 'cmd' || word === 'command')) continue;
    else command.push(word);
  }
  let converter = given.converter ?? 'text';
  if (given.format !== undefined) {
    const mapped = Object.hasOwn(PYAMI_FORMATS, given.format) ? PYAMI_FORMATS[given.format] : undefined;
    if (!mapped)
      throw inputError(`unknown format ${given.format} (${Object.keys(PYAMI_FORMATS).join(', ')})`, '-f');
    converter = mapped;
  }
  const catalog = given.catalog ?? env.STACKHOOK_CATALOG ?? 'http://127.0.0.1:8080';
  if (!/^https?:\/\//.test(catalog))
    throw inputError(`the catalog is a URL (http://host:port), not ${JSON.stringify(catalog)}`, '-e');
  const text = command
    .map((word) =>
      word.replace(
        /^(-{1,2}[A-Za-z][A-Za-z0-9_]*)=(.*)$/s,
        (_, name: string, value: string) => `${name}="${value.replace(/["\\]/g, '\\$&')}"`,
      ),
    )
    .join(' ');
  return { catalog, converter, command: text, help };
}
