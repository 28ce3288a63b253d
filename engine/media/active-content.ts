/**
 * Markup and script a browser or a PDF reader would run. A file that carries any is refused: that is what a
 * polyglot looks like (a GIF header in front of a script, a PDF that is also an HTML page). Binary formats
 * are read at their two ends only, where such payloads sit (browsers sniff the start; appended scripts sit
 * at the end), so compressed bytes in the middle of a large clip cannot match by chance.
 */
const MARKUP =
  /<\s*(script|html|body|iframe|svg|object|embed|meta|link|form)[\s>/]|<!doctype\s+html|javascript:/i;
const PDF_ACTIONS = /\/(JavaScript|JS|Launch|EmbeddedFile|RichMedia)\b/;
const EDGE_BYTES = 2048;

const latin1 = (bytes: Uint8Array): string =>
  Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');

/** Whether a file of this family carries active content. `whole`: read it all (PDF and text are structure). */
export function carriesActiveContent(
  bytes: Uint8Array,
  family: 'image' | 'audio' | 'document' | 'text',
): boolean {
  if (family === 'document') return MARKUP.test(latin1(bytes)) || PDF_ACTIONS.test(latin1(bytes));
  if (family === 'text') return MARKUP.test(latin1(bytes));
  const head = bytes.subarray(0, EDGE_BYTES);
  const tail = bytes.subarray(Math.max(EDGE_BYTES, bytes.length - EDGE_BYTES));
  return MARKUP.test(latin1(head)) || MARKUP.test(latin1(tail));
}
