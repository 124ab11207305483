/**
 * The images untrusted builds may start from: references, or prefixes ending in `/` or `:` (every image under
 * a path, every tag of a repository). One rule for a component's `image:`, and for the FROM and COPY --from of
 * every Containerfile a client sends: nothing else of the service machine's images (another job's builder, an
 * image with someone's keys) and no private image the service's credentials could pull.
 */
export class ImageAllowList {
  readonly entries: readonly string[];

  constructor(entries: readonly string[]) {
    this.entries = entries.map((entry) => entry.trim()).filter(Boolean);
  }

  allows(image: string): boolean {
    return this.entries.some(
      (allowed) => image === allowed || (/[/:]$/.test(allowed) && image.startsWith(allowed)),
    );
  }

  toString(): string {
    return this.entries.join(', ');
  }
}
