import { describe, expect, it } from 'vitest';
import { formatBytes, mediaAddress } from './media-message.js';
import { MEDIA_TEXTS_EN, MEDIA_TEXTS_ZH } from './media-texts.js';
import { mediaTextsFor, MORE_MEDIA_TEXTS } from './media-texts-more.js';
import { mediaProblem, MediaUploadError } from './media-upload.js';
import { uploadProblem } from './media-uploads.js';

describe('media uploads as the browser words them', () => {
  it('reads the server’s refusal in either error shape, the status deciding the common ones', () => {
    const flat = mediaProblem(415, JSON.stringify({ error: 'unsupported_type', message: 'not an image' }));
    expect(flat).toMatchObject({ code: 'unsupported_type', message: 'not an image', status: 415 });
    const nested = mediaProblem(403, JSON.stringify({ error: { code: 'forbidden', message: 'not yours' } }));
    expect(nested).toMatchObject({ code: 'forbidden', message: 'not yours', status: 403 });
    // A proxy's HTML page in front of a 413: still "too large".
    expect(mediaProblem(413, '<html>Request Entity Too Large</html>').code).toBe('too_large');
    expect(mediaProblem(429, '').code).toBe('rate_limited');
    expect(mediaProblem(500, 'oops')).toMatchObject({ code: 'http_500', message: 'the server answered 500' });
  });

  it('tells the viewer why in their language, with the server’s words only for the unusual', () => {
    expect(uploadProblem(mediaProblem(413, ''), MEDIA_TEXTS_ZH)).toBe('文件太大');
    expect(uploadProblem(mediaProblem(415, ''), MEDIA_TEXTS_EN)).toBe('This kind of file cannot be sent');
    expect(uploadProblem(mediaProblem(429, ''), MEDIA_TEXTS_EN)).toBe(MEDIA_TEXTS_EN.tooMany);
    expect(
      uploadProblem(
        new MediaUploadError('network', 'the upload did not reach the server', 0),
        MEDIA_TEXTS_EN,
      ),
    ).toBe('Not sent: the upload did not reach the server');
    expect(uploadProblem(new Error('?'), MEDIA_TEXTS_ZH)).toBe('发送失败');
  });

  it('loads server-relative addresses from Livedesk, path prefix kept, not from the host page', () => {
    expect(mediaAddress('/media/m1?variant=thumb&sig=x', 'https://help.example/support')).toBe(
      'https://help.example/support/media/m1?variant=thumb&sig=x',
    );
    expect(mediaAddress('/media/m1?sig=x', 'http://127.0.0.1:8080')).toBe(
      'http://127.0.0.1:8080/media/m1?sig=x',
    );
    expect(mediaAddress('https://cdn.example/m1?sig=x', 'https://help.example/support')).toBe(
      'https://cdn.example/m1?sig=x',
    );
  });

  it('writes sizes as people read them', () => {
    expect(formatBytes(512)).toBe('512 B');
    expect(formatBytes(12_800)).toBe('13 KB');
    expect(formatBytes(1_500_000)).toBe('1.4 MB');
  });

  it('has the media words in every widget language', () => {
    const english = Object.keys(MEDIA_TEXTS_EN);
    for (const [language, texts] of Object.entries(MORE_MEDIA_TEXTS)) {
      expect(Object.keys(texts), language).toEqual(english);
      expect(texts.uploading(37), language).toContain('37');
    }
    expect(mediaTextsFor('zh')).toBe(MEDIA_TEXTS_ZH);
    expect(mediaTextsFor('ko').retry).toBe('다시 시도');
  });
});
