import { LivedeskError } from '../../knowledge/errors.js';

/**
 * The endpoint as it may appear in messages and logs: no user name, password or query string,
 * since those are where credentials hide in URLs.
 */
export function describeEndpoint(baseURL: string): string {
  let url: URL;
  try {
    url = new URL(baseURL);
  } catch (error) {
    throw new LivedeskError('invalid_input', 'baseURL must be an absolute http(s) URL', { cause: error });
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new LivedeskError('invalid_input', 'baseURL must be an absolute http(s) URL');
  }
  return `${url.origin}${url.pathname.replace(/\/+$/, '')}`;
}
