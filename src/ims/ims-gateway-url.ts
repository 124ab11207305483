/** Where Cray's API gateway serves IMS: clients written for it use these paths. */
const GATEWAY = '/apis/ims';

/**
 * A request's URL with Cray's gateway path `/apis/ims/...` read as `/ims/...`: both paths serve the same routes
 * (a fastify rewriteUrl, so every IMS route has both without being declared twice).
 */
export function imsGatewayUrl(url: string): string {
  const rest = url.slice(GATEWAY.length);
  return url.startsWith(GATEWAY) && (rest === '' || /^[/?]/.test(rest)) ? `/ims${rest}` : url;
}
