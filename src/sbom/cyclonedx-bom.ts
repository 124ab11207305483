/**
 * The part of the CycloneDX 1.5 JSON format (https://cyclonedx.org/docs/1.5/json/) stackhook writes. The
 * published schema (test/support/validate-cyclonedx.ts) is the authority; these types keep the writer honest.
 */
export interface CycloneDxBom {
  bomFormat: 'CycloneDX';
  specVersion: '1.5';
  serialNumber: string;
  version: number;
  metadata: {
    timestamp: string;
    tools: { components: CycloneDxComponent[] };
    component: CycloneDxComponent;
  };
  components: CycloneDxComponent[];
  dependencies: { ref: string; dependsOn: string[] }[];
}

interface CycloneDxComponent {
  type: 'application' | 'container' | 'library' | 'operating-system';
  'bom-ref'?: string;
  name: string;
  version?: string;
  purl?: string;
  hashes?: { alg: 'SHA-256'; content: string }[];
  properties?: { name: string; value: string }[];
}
