import os from 'node:os';
import type { ImagePublication } from '../catalog/image-repository.js';
import type { SwTagFields } from '../catalog/swtag-fields.js';
import { StackhookError } from '../errors/stackhook-error.js';
import type { CatalogWriter } from './catalog-writer.js';

/**
 * Registration through a catalog service's REST API, with the writer key from STACKHOOK_CATALOG_KEY (never an
 * argument: it would show in `ps`). The audit headers say who ran it (this machine's user, GitHub's actor).
 */
export class HttpCatalogWriter implements CatalogWriter {
  private readonly headers: Record<string, string>;

  constructor(
    private readonly url: string,
    /** The URL as logs may show it (credentials hidden). */
    readonly location: string,
    key: string | undefined,
  ) {
    this.headers = {
      linux_username: os.userInfo().username,
      ...(process.env.GITHUB_ACTOR ? { github_username: process.env.GITHUB_ACTOR } : {}),
      ...(key ? { authorization: `Bearer ${key}` } : {}),
    };
  }

  async checkAccess(signal?: AbortSignal): Promise<void> {
    const { user, role } = (await this.request('GET', '/api/v1/whoami', undefined, signal)).body as {
      user: string;
      role: string | null;
    };
    if (role !== 'writer' && role !== 'admin') {
      throw new StackhookError({
        kind: 'input',
        description: role
          ? `the catalog key is ${user}'s, a ${role}: registering needs a writer key`
          : 'registering needs a writer key in STACKHOOK_CATALOG_KEY (stackhook catalog keys create --role writer)',
        subject: this.location,
      });
    }
  }

  async addSwTag(fields: SwTagFields, signal?: AbortSignal): Promise<{ tagname: string; created: boolean }> {
    const body = Object.fromEntries(Object.entries(fields).map(([key, value]) => [key.toUpperCase(), value]));
    const answer = await this.request('POST', '/api/v1/swtags', body, signal);
    return { tagname: (answer.body as { TAGNAME: string }).TAGNAME, created: answer.status === 201 };
  }

  async addImage(
    publication: ImagePublication,
    signal?: AbortSignal,
  ): Promise<{ id: number; counter: number; created: boolean }> {
    const body = Object.fromEntries(
      Object.entries(publication).map(([key, value]) => [key.toUpperCase(), value]),
    );
    const answer = await this.request('POST', '/api/v1/images', body, signal);
    const image = answer.body as { ID: number; REPOSITORY_COUNTER: number };
    return { id: image.ID, counter: image.REPOSITORY_COUNTER, created: answer.status === 201 };
  }

  async [Symbol.asyncDispose](): Promise<void> {}

  private async request(
    method: string,
    path: string,
    body: unknown,
    signal?: AbortSignal,
  ): Promise<{ status: number; body: unknown }> {
    let response: Response;
    try {
      response = await fetch(new URL(path, this.url), {
        method,
        headers: body === undefined ? this.headers : { ...this.headers, 'content-type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
        // A redirect would turn a POST into a GET: a catalog URL that moved is an error to fix, not to follow.
        redirect: 'error',
        signal,
      });
    } catch (cause) {
      throw new StackhookError({
        kind: 'stage',
        description: `no catalog answers at ${this.location}`,
        subject: `${method} ${path}`,
        cause,
      });
    }
    const text = await response.text();
    let parsed: unknown;
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {
      parsed = undefined; // a proxy's HTML error page: the status and the text say what happened
    }
    if (!response.ok) {
      const problem = parsed as { detail?: string; title?: string } | undefined;
      throw new StackhookError({
        // The catalog refusing the key or the record is the user's to fix; a 5xx is the service's.
        kind: response.status < 500 ? 'input' : 'stage',
        description: `the catalog answered ${response.status}: ${problem?.detail ?? problem?.title ?? text}`,
        subject: `${method} ${this.location.replace(/\/$/, '')}${path}`,
      });
    }
    if (parsed === undefined) {
      throw new StackhookError({
        kind: 'stage',
        description: `${this.location} answered ${response.status} without JSON: is it a stackhook catalog?`,
        subject: `${method} ${path}`,
      });
    }
    return { status: response.status, body: parsed };
  }
}
