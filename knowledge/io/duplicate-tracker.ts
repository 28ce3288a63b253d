/** Remembers where each id was first seen, so a duplicate's error can point back at the first one. */
export function createDuplicateTracker(
  what: string,
): (key: string, line: number, shown?: string) => string | undefined {
  const firstLines = new Map<string, number>();
  return (key, line, shown = key) => {
    const firstLine = firstLines.get(key);
    if (firstLine !== undefined)
      return `duplicate ${what} ${JSON.stringify(shown)} (first on line ${firstLine})`;
    firstLines.set(key, line);
    return undefined;
  };
}
