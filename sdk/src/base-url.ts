/**
 * A Livedesk endpoint under `baseUrl`, keeping its path: Livedesk may be served under a prefix behind a
 * proxy (`https://x.example/support`), so `/api/viewer/session` there is `/support/api/viewer/session`.
 * `new URL('/api/…', baseUrl)` would drop the prefix; a trailing slash, a query or a fragment of the
 * base do not count.
 */
export function endpointUrl(baseUrl: string, path: `/${string}`): URL {
  const url = new URL(baseUrl);
  url.pathname = `${url.pathname.replace(/\/+$/u, '')}${path}`;
  url.search = '';
  url.hash = '';
  return url;
}
