import { describe, expect, it } from 'vitest';
import { parseEmbeddingResponse } from './parse-embedding-response.js';

const endpoint = 'http://127.0.0.1:1/v1';

function base64Of(values: number[]): string {
  const vector = Float32Array.from(values);
  return Buffer.from(vector.buffer).toString('base64');
}

describe('parseEmbeddingResponse', () => {
  it('decodes base64 and float embeddings alike, whichever was asked for', () => {
    const vectors = parseEmbeddingResponse(
      {
        data: [
          { index: 0, embedding: base64Of([3, 4]) },
          { index: 1, embedding: [0, 2] },
        ],
      },
      { count: 2, endpoint },
    );
    expect(vectors.map((vector) => Array.from(vector))).toEqual([
      [0.6000000238418579, 0.800000011920929],
      [0, 1],
    ]);
  });

  it('puts embeddings back in input order by their index', () => {
    const vectors = parseEmbeddingResponse(
      {
        data: [
          { index: 1, embedding: [0, 1] },
          { index: 0, embedding: [1, 0] },
        ],
      },
      { count: 2, endpoint },
    );
    expect(vectors.map((vector) => Array.from(vector))).toEqual([
      [1, 0],
      [0, 1],
    ]);
  });

  it('falls back to array order when the server leaves out index', () => {
    const vectors = parseEmbeddingResponse(
      { data: [{ embedding: [2, 0] }, { embedding: [0, 2] }] },
      { count: 2, endpoint },
    );
    expect(Array.from(vectors[1] ?? [])).toEqual([0, 1]);
  });

  it('keeps a zero vector zero instead of dividing by zero', () => {
    const [vector] = parseEmbeddingResponse({ data: [{ embedding: [0, 0] }] }, { count: 1, endpoint });
    expect(Array.from(vector ?? [])).toEqual([0, 0]);
  });

  it.each([
    ['a body without data', { object: 'list' }, 'unexpected body'],
    [
      'a duplicated index',
      {
        data: [
          { index: 0, embedding: [1] },
          { index: 0, embedding: [1] },
        ],
      },
      'index 0 out of place',
    ],
    [
      'an index past the end',
      {
        data: [
          { index: 0, embedding: [1] },
          { index: 5, embedding: [1] },
        ],
      },
      'index 5 out of place',
    ],
    [
      'a base64 string that is not whole float32s',
      { data: [{ embedding: 'AAAAAAA=' }, { embedding: [1] }] },
      '5 bytes',
    ],
    ['an empty vector', { data: [{ embedding: [] }, { embedding: [] }] }, '0 dimensions'],
    [
      'a string where a number belongs',
      { data: [{ embedding: ['1'] }, { embedding: [1] }] },
      'unexpected body',
    ],
  ])('rejects %s with a clear message', (_name, body, fragment) => {
    expect(() => parseEmbeddingResponse(body, { count: 2, endpoint })).toThrow(
      expect.objectContaining({
        code: 'unavailable',
        message: expect.stringContaining(fragment) as string,
      }) as Error,
    );
  });

  it('names the endpoint in its messages', () => {
    expect(() => parseEmbeddingResponse({ data: [] }, { count: 1, endpoint })).toThrow(
      `the embeddings endpoint ${endpoint} returned 0 embeddings for 1 texts`,
    );
  });
});
