/** The build API's paths at the service's root, as ad-build's scripts call them (`<base>component`, `<base>image`). */
const ROOT_PATHS = /^\/(?:component|image|jobs\/[^/?]+(?:\/log)?)(?:[?]|$)/;

/**
 * A request's URL with the build API's root paths (`/component`, `/image`, `/jobs/{id}[/log]`) read as their
 * `/build/...` routes: both serve the same routes (a fastify rewriteUrl, as IMS's gateway path), so OpenAPI lists
 * each route once, under /build. Nothing else in the service owns these root paths.
 */
export function buildApiRootUrl(url: string): string {
  return ROOT_PATHS.test(url) ? `/build${url}` : url;
}
