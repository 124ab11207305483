/** The answer formats the catalog writes. */
export const AMI_FORMATS = ['json', 'xml', 'text', 'csv'] as const;
export type AmiFormat = (typeof AMI_FORMATS)[number];

/**
 * What a `Converter` field may say: pyAMI's stylesheet names (`''` is XML, what pyAMI-atlas asks for everywhere)
 * and the short names this catalog has always taken.
 */
const STYLESHEETS: Record<string, AmiFormat> = {
  '': 'xml',
  'AMIXmlToXml.xsl': 'xml',
  'AMIXmlToJson.xsl': 'json',
  'AMIXmlToText.xsl': 'text',
  'AMIXmlToCsv.xsl': 'csv',
};

export const AMI_CONVERTERS = [...AMI_FORMATS, ...Object.keys(STYLESHEETS)] as const;

/** The format a Converter value names (undefined for one no converter has). */
export function amiFormat(converter: string): AmiFormat | undefined {
  if ((AMI_FORMATS as readonly string[]).includes(converter)) return converter as AmiFormat;
  return Object.hasOwn(STYLESHEETS, converter) ? STYLESHEETS[converter] : undefined;
}
