import { describe, expect, it } from 'vitest';
import { textMatching } from '../../test/support/text-matching.js';
import { decodeTextFile } from './decode-text-file.js';

const bytes = (...parts: (string | number[])[]) =>
  Buffer.concat(
    parts.map((part) => (typeof part === 'string' ? Buffer.from(part, 'utf8') : Buffer.from(part))),
  );

describe('decodeTextFile', () => {
  it('decodes UTF-8 text, Chinese included, and drops the byte order mark', () => {
    expect(decodeTextFile(bytes([0xef, 0xbb, 0xbf], '{"id":"退款"}\n'))).toEqual({
      ok: true,
      text: '{"id":"退款"}\n',
    });
  });

  it('names every line that is not UTF-8', () => {
    const file = bytes(
      'good line\n',
      [0xc3, 0x28],
      ' broken\nfine\n',
      [0xff, 0xfe, 0x00],
      '\n',
      [0xd5, 0xe2],
    );

    expect(decodeTextFile(file)).toEqual({
      ok: false,
      errors: [
        { line: 2, message: textMatching(/^not UTF-8 text/) },
        { line: 4, message: textMatching(/^not UTF-8 text/) },
        { line: 5, message: textMatching(/^not UTF-8 text/) },
      ],
    });
  });

  it('recognises a UTF-16 file, as spreadsheets save "Unicode text"', () => {
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('id,answer\n', 'utf16le')]);

    expect(decodeTextFile(utf16)).toEqual({
      ok: false,
      errors: [{ line: 0, message: 'the file is UTF-16; save it as UTF-8 and import it again' }],
    });
  });

  it('refuses a file over the size limit before decoding it', () => {
    expect(decodeTextFile(new Uint8Array(101), { limits: { maxBytes: 100 } })).toEqual({
      ok: false,
      errors: [{ line: 0, message: 'the file is larger than 100 bytes; split it into smaller files' }],
    });
  });
});
