/**
 * The tenant answers under any base URL (`https://api.demo.getomneo.com/api/v3`, a host's
 * proxy at `/omneo`, ...): routes match on the resource path, what follows the base.
 */

/** The first path segments of Omneo's resources: where the base URL ends. */
export const RESOURCE_SEGMENTS = ['identities', 'profiles', 'redemptions', 'transactions', 'staff', 'locations'] as const;

/**
 * The resource path of a URL or path: everything from the first known resource segment
 * (after `/api/v3` when there is one), without the query. `https://x/api/v3/profiles/1?a=b`
 * and `/omneo/profiles/1` both give `/profiles/1`. A path with no known segment is returned
 * as it is (without its query and trailing slash).
 */
export function resourcePath(urlOrPath: string): string {
  let path = urlOrPath;
  const scheme = /^[a-z][a-z0-9+.-]*:\/\/[^/]*/i.exec(path);
  if (scheme) path = path.slice(scheme[0].length);
  path = path.replace(/[?#].*$/, '');
  const api = path.indexOf('/api/v3/');
  if (api >= 0) path = path.slice(api + '/api/v3'.length);
  const segments = path.split('/');
  const first = segments.findIndex((s) => (RESOURCE_SEGMENTS as readonly string[]).includes(s));
  if (first >= 0) path = '/' + segments.slice(first).join('/');
  return path.length > 1 ? path.replace(/\/+$/, '') : path;
}

/** The query string as a record; a repeated key keeps its last value. */
export function queryRecord(url: URL): Record<string, string> {
  const query: Record<string, string> = {};
  url.searchParams.forEach((value, key) => {
    query[key] = value;
  });
  return query;
}
