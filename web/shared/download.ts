/** Saves text as a file: authenticated downloads cannot be plain links (they need the bearer header). */
export function downloadText(text: string, fileName: string, contentType: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: contentType }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  document.body.append(link);
  link.click();
  link.remove();
  window.setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/** Fetches a non-JSON resource with the bearer token. */
export async function fetchText(
  path: string,
  token: string | undefined,
  signal?: AbortSignal,
): Promise<string> {
  const response = await fetch(path, {
    headers: token ? { authorization: `Bearer ${token}` } : {},
    ...(signal ? { signal } : {}),
  });
  if (!response.ok) throw new Error(`${path}: the server answered ${response.status}`);
  return response.text();
}
