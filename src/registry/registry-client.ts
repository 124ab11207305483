import { createHash } from 'node:crypto';
import { parseWwwAuthenticate } from './www-authenticate.js';
import { isLocalRegistry } from './is-local-registry.js';

export const OCI_INDEX = 'application/vnd.oci.image.index.v1+json';
const ACCEPT = [
  OCI_INDEX,
  'application/vnd.oci.image.manifest.v1+json',
  'application/vnd.docker.distribution.manifest.list.v2+json',
  'application/vnd.docker.distribution.manifest.v2+json',
].join(', ');

export interface Manifest {
  mediaType: string;
  digest: string;
  size: number;
  body: { config?: { digest: string }; [key: string]: unknown };
}

/**
 * A small client of the OCI distribution API for what podman can't do (an index with annotations): manifests
 * and config blobs read, an index written. Basic credentials or the Bearer token flow, as the registry asks;
 * plain HTTP for registries on this machine.
 */
export class RegistryClient {
  private token: string | undefined;

  constructor(
    readonly host: string,
    private readonly credentials?: { username: string; password: string },
  ) {}

  private get origin(): string {
    // Docker Hub's API is not served on the name images use.
    const host = this.host === 'docker.io' ? 'registry-1.docker.io' : this.host;
    return `${isLocalRegistry(this.host) ? 'http' : 'https'}://${host}`;
  }

  /** undefined when the registry has no such tag or digest. */
  async manifest(repository: string, reference: string, signal?: AbortSignal): Promise<Manifest | undefined> {
    const response = await this.request(
      'GET',
      `/v2/${repository}/manifests/${reference}`,
      { Accept: ACCEPT },
      signal,
    );
    if (response.status === 404) return undefined;
    await this.expectOk(response, `GET ${repository}:${reference}`);
    // The descriptor must name these exact bytes: digest and size are computed from them, not trusted.
    const bytes = Buffer.from(await response.arrayBuffer());
    const body = JSON.parse(bytes.toString('utf8')) as Manifest['body'] & { mediaType?: string };
    const digest = `sha256:${createHash('sha256').update(bytes).digest('hex')}`;
    const served = response.headers.get('docker-content-digest');
    if (served && served !== digest)
      throw new Error(
        `${this.host}: ${repository}:${reference} digest ${served} does not match its content ${digest}`,
      );
    const header = response.headers.get('content-type')?.split(';')[0]?.trim();
    return { mediaType: body.mediaType ?? header ?? '', digest, size: bytes.length, body };
  }

  /**
   * Points `tag` at the manifest `digest` names, in the registry: the manifest's own bytes are PUT again under
   * the tag, so the tag gets exactly that digest and nothing is uploaded but the manifest.
   */
  async tagDigest(repository: string, digest: string, tag: string, signal?: AbortSignal): Promise<void> {
    const response = await this.request(
      'GET',
      `/v2/${repository}/manifests/${digest}`,
      { Accept: ACCEPT },
      signal,
    );
    await this.expectOk(response, `GET ${repository}@${digest}`);
    const bytes = Buffer.from(await response.arrayBuffer());
    const mediaType =
      (JSON.parse(bytes.toString('utf8')) as { mediaType?: string }).mediaType ??
      response.headers.get('content-type')?.split(';')[0]?.trim() ??
      '';
    const written = await this.putManifest(repository, tag, mediaType, bytes.toString('utf8'), signal);
    if (written !== digest)
      throw new Error(`${this.host}: ${repository}:${tag} was written at ${written}, not ${digest}`);
  }

  /** The digest the registry serves for a tag (HEAD: nothing downloaded), undefined when there is no such tag. */
  async digest(repository: string, reference: string, signal?: AbortSignal): Promise<string | undefined> {
    const path = `/v2/${repository}/manifests/${reference}`;
    const response = await this.request('HEAD', path, { Accept: ACCEPT }, signal);
    if (response.status === 404) return undefined;
    await this.expectOk(response, `HEAD ${repository}:${reference}`);
    const digest = response.headers.get('docker-content-digest');
    if (!digest) throw new Error(`${this.host} sent no Docker-Content-Digest for ${repository}:${reference}`);
    return digest;
  }

  async blobJson<T>(repository: string, digest: string, signal?: AbortSignal): Promise<T> {
    const response = await this.request('GET', `/v2/${repository}/blobs/${digest}`, {}, signal);
    await this.expectOk(response, `GET blob ${digest}`);
    return (await response.json()) as T;
  }

  /** PUTs a manifest (an index here) under a tag; returns the digest the registry gives it. */
  async putManifest(
    repository: string,
    tag: string,
    mediaType: string,
    body: string,
    signal?: AbortSignal,
  ): Promise<string> {
    const response = await this.request(
      'PUT',
      `/v2/${repository}/manifests/${tag}`,
      { 'Content-Type': mediaType },
      signal,
      body,
    );
    await this.expectOk(response, `PUT ${repository}:${tag}`);
    return `sha256:${createHash('sha256').update(body).digest('hex')}`;
  }

  private async request(
    method: string,
    path: string,
    headers: Record<string, string>,
    signal?: AbortSignal,
    body?: string,
  ): Promise<Response> {
    const send = () =>
      fetch(`${this.origin}${path}`, {
        method,
        headers: { ...headers, ...this.authorization() },
        body,
        signal,
      });
    let response = await send();
    if (response.status !== 401) return response;
    const challenge = parseWwwAuthenticate(response.headers.get('www-authenticate'));
    if (challenge?.scheme === 'basic' && this.credentials && !this.basic) {
      this.basic = true;
      response = await send();
    } else if (challenge?.scheme === 'bearer' && challenge.realm) {
      const token = await this.fetchToken(challenge, signal);
      if (token) {
        this.token = token;
        response = await send();
      }
    }
    return response;
  }

  private basic = false;

  private authorization(): Record<string, string> {
    if (this.token) return { Authorization: `Bearer ${this.token}` };
    if (this.basic && this.credentials) {
      const pair = `${this.credentials.username}:${this.credentials.password}`;
      return { Authorization: `Basic ${Buffer.from(pair).toString('base64')}` };
    }
    return {};
  }

  private async fetchToken(
    challenge: { realm?: string; service?: string; scope?: string },
    signal?: AbortSignal,
  ): Promise<string | undefined> {
    const url = new URL(challenge.realm!);
    if (challenge.service) url.searchParams.set('service', challenge.service);
    if (challenge.scope) url.searchParams.set('scope', challenge.scope);
    const headers: Record<string, string> = {};
    if (this.credentials) {
      const pair = `${this.credentials.username}:${this.credentials.password}`;
      headers.Authorization = `Basic ${Buffer.from(pair).toString('base64')}`;
    }
    const response = await fetch(url, { headers, signal });
    if (!response.ok) return undefined;
    const body = (await response.json()) as { token?: string; access_token?: string };
    return body.token ?? body.access_token;
  }

  private async expectOk(response: Response, what: string): Promise<void> {
    if (response.ok) return;
    const text = (await response.text().catch(() => '')).slice(0, 300);
    throw new Error(`${this.host}: ${what} answered ${response.status}${text ? `: ${text.trim()}` : ''}`);
  }
}
