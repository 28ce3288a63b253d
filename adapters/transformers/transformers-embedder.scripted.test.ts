import { pipeline } from '@huggingface/transformers';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createTransformersEmbedder } from './transformers-embedder.js';

// The library is replaced by a scripted pipeline here, to reach the failures and timings a real
// model cannot produce on demand: offline hubs, slow loads, an abort between two batches.
vi.mock('@huggingface/transformers', () => ({ pipeline: vi.fn() }));

const pipelineMock = vi.mocked(pipeline);

interface FakeExtractor {
  (texts: string[]): Promise<{ dims: number[]; data: Float32Array }>;
  dispose: ReturnType<typeof vi.fn>;
  calls: string[][];
}

function fakeExtractor(onRun: (texts: string[]) => void = () => undefined): FakeExtractor {
  const calls: string[][] = [];
  const run = (texts: string[]) => {
    calls.push(texts);
    onRun(texts);
    const data = new Float32Array(texts.length * 4);
    texts.forEach((text, row) =>
      data.set(
        [text.length, 1, 0, 0].map((value) => value / Math.hypot(text.length, 1)),
        row * 4,
      ),
    );
    return Promise.resolve({ dims: [texts.length, 4], data });
  };
  return Object.assign(run, { dispose: vi.fn(() => Promise.resolve()), calls });
}

function answerWith(extractor: FakeExtractor | Promise<FakeExtractor>): void {
  pipelineMock.mockImplementation(() => Promise.resolve(extractor) as unknown as ReturnType<typeof pipeline>);
}

const hubOptions = { model: 'someone/e5-small', allowRemoteModels: true } as const;

describe('createTransformersEmbedder with a scripted pipeline', () => {
  afterEach(() => {
    pipelineMock.mockReset();
  });

  it('passes settings per call: local_files_only, cache_dir and dtype, never env', async () => {
    answerWith(fakeExtractor());
    await createTransformersEmbedder({
      ...hubOptions,
      allowRemoteModels: false,
      cacheDir: '/tmp/models-cache',
      dtype: 'q8',
    });
    expect(pipelineMock).toHaveBeenCalledWith('feature-extraction', 'someone/e5-small', {
      local_files_only: true,
      dtype: 'q8',
      cache_dir: '/tmp/models-cache',
    });
  });

  it("prefixes e5 models' texts with 'query: ' unless told otherwise", async () => {
    const extractor = fakeExtractor();
    answerWith(extractor);
    const embedder = await createTransformersEmbedder(hubOptions);
    await embedder.embed(['hello']);
    await embedder.embed(['hello'], { inputType: 'passage' });
    expect(extractor.calls.slice(1)).toEqual([['query: hello'], ['passage: hello']]);
  });

  it('stops between batches once the signal is aborted', async () => {
    const controller = new AbortController();
    const extractor = fakeExtractor((texts) => {
      if (texts[0] === 'query: first') controller.abort();
    });
    answerWith(extractor);
    const embedder = await createTransformersEmbedder({ ...hubOptions, batchSize: 2 });
    await expect(
      embedder.embed(['first', 'second', 'third', 'fourth', 'fifth'], { signal: controller.signal }),
    ).rejects.toMatchObject({ code: 'aborted' });
    expect(extractor.calls.slice(1)).toEqual([['query: first', 'query: second']]);
  });

  it('rejects at once when aborted mid-load, and disposes the model when it arrives', async () => {
    const extractor = fakeExtractor();
    let finishLoading: (value: FakeExtractor) => void = () => undefined;
    answerWith(new Promise<FakeExtractor>((resolve) => (finishLoading = resolve)));
    const controller = new AbortController();
    const loading = createTransformersEmbedder(hubOptions, { signal: controller.signal });
    await vi.waitFor(() => expect(pipelineMock).toHaveBeenCalled());
    controller.abort();
    await expect(loading).rejects.toMatchObject({ code: 'aborted' });
    expect(extractor.dispose).not.toHaveBeenCalled();
    finishLoading(extractor);
    await vi.waitFor(() => expect(extractor.dispose).toHaveBeenCalledOnce());
  });

  it('calls an unreachable hub retryable and says how to install the model by hand', async () => {
    pipelineMock.mockRejectedValue(
      new TypeError('fetch failed', { cause: new Error('getaddrinfo ENOTFOUND huggingface.co') }),
    );
    await expect(createTransformersEmbedder(hubOptions)).rejects.toMatchObject({
      code: 'unavailable',
      retryable: true,
      message: expect.stringMatching(
        /offline.*Download the model .* into a folder <models>\/someone\/e5-small and set localModelPath/,
      ) as string,
    });
  });

  it('names the file the library could not find when downloads are off', async () => {
    pipelineMock.mockRejectedValue(
      new Error(
        '`local_files_only=true` or `env.allowRemoteModels=false` and file was not found locally at "/x/someone/e5-small/tokenizer.json".',
      ),
    );
    await expect(
      createTransformersEmbedder({ ...hubOptions, allowRemoteModels: false }),
    ).rejects.toMatchObject({
      code: 'unavailable',
      retryable: false,
      message: expect.stringContaining(
        '(no /x/someone/e5-small/tokenizer.json) and downloading is off',
      ) as string,
    });
  });

  it('maps any other load failure to unavailable, keeping the library error as the cause', async () => {
    const failure = new Error('protobuf parsing failed');
    pipelineMock.mockRejectedValue(failure);
    const error: unknown = await createTransformersEmbedder(hubOptions).catch(
      (rejection: unknown) => rejection,
    );
    expect(error).toMatchObject({ code: 'unavailable', cause: failure });
    expect((error as Error).message).toContain('check that its files are complete');
  });

  it('disposes the model when the dimension probe fails', async () => {
    const extractor = fakeExtractor(() => {
      throw new Error('onnxruntime exploded');
    });
    answerWith(extractor);
    await expect(createTransformersEmbedder(hubOptions)).rejects.toThrow('onnxruntime exploded');
    expect(extractor.dispose).toHaveBeenCalledOnce();
  });
});
