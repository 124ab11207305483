import { amiFormat } from './ami-converter-names.js';

const XML_ENTITIES: Record<string, string> = { lt: '<', gt: '>', amp: '&', apos: "'", quot: '"' };

/** The errors an AMI answer carries, read back from the format its Converter names (for a client to show). */
export function amiAnswerErrors(body: string, converter: string): string[] {
  const format = amiFormat(converter) ?? 'json';
  if (format === 'json') {
    try {
      const parsed = JSON.parse(body) as { AMIMessage?: { error?: { $?: string }[] }[] };
      return (parsed.AMIMessage?.[0]?.error ?? []).map((error) => String(error.$ ?? ''));
    } catch {
      return [];
    }
  }
  if (format === 'xml')
    return [...body.matchAll(/<error>([^<]*)<\/error>/g)].map((match) =>
      match[1]!.replace(/&(#[0-9]+|[a-z]+);/g, (entity, name: string) =>
        name.startsWith('#') ? String.fromCodePoint(Number(name.slice(1))) : (XML_ENTITIES[name] ?? entity),
      ),
    );
  const prefix = format === 'text' ? 'Error: ' : '#ERROR ';
  return body
    .split(/\r?\n/)
    .filter((line) => line.startsWith(prefix))
    .map((line) => line.slice(prefix.length));
}
