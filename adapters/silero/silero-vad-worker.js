// The Silero VAD model's thread (see silero-vad-model.ts). Inference in onnxruntime-node runs on the thread
// that calls it, so it runs here, off the server's event loop. Frames of different streams that wait
// together are run as one batch (the model takes a batch dimension): about half the cost per frame.
// Plain JavaScript so it loads in any runtime without a TypeScript loader.
import { parentPort, workerData } from 'node:worker_threads';
import * as ort from 'onnxruntime-node';

const STATE = 2 * 64;
const session = await ort.InferenceSession.create(workerData.modelPath, {
  intraOpNumThreads: 1,
  interOpNumThreads: 1,
  executionMode: 'sequential',
});
const sampleRate = new ort.Tensor('int64', BigInt64Array.from([BigInt(workerData.sampleRate)]), [1]);
/** Per stream: the recurrent state the model carries from frame to frame. */
const states = new Map();
/** Frames waiting, in arrival order: { id, stream, samples }. */
let waiting = [];
let draining = false;

parentPort.on('message', (message) => {
  switch (message.type) {
    case 'open':
      states.set(message.stream, { h: new Float32Array(STATE), c: new Float32Array(STATE) });
      return;
    case 'close':
      states.delete(message.stream);
      waiting = waiting.filter((frame) => frame.stream !== message.stream);
      return;
    case 'frame':
      waiting.push(message);
      if (!draining) {
        draining = true;
        setImmediate(drain);
      }
      return;
  }
});

parentPort.postMessage({ type: 'ready' });

async function drain() {
  try {
    while (waiting.length > 0) {
      // One frame per stream per batch: a stream's next frame needs the state its previous one left.
      const batch = [];
      const seen = new Set();
      const later = [];
      for (const frame of waiting) {
        if (seen.has(frame.stream) || batch.length >= workerData.maxBatch) later.push(frame);
        else if (states.has(frame.stream)) {
          seen.add(frame.stream);
          batch.push(frame);
        }
      }
      waiting = later;
      if (batch.length > 0) await run(batch);
    }
  } catch (error) {
    parentPort.postMessage({ type: 'failed', message: String(error?.message ?? error) });
  } finally {
    draining = false;
  }
}

async function run(batch) {
  const size = batch.length;
  const frameSamples = workerData.frameSamples;
  const input = new Float32Array(size * frameSamples);
  const h = new Float32Array(size * STATE);
  const c = new Float32Array(size * STATE);
  batch.forEach((frame, index) => {
    const samples = frame.samples;
    for (let sample = 0; sample < frameSamples; sample++)
      input[index * frameSamples + sample] = (samples[sample] ?? 0) / 32768;
    const state = states.get(frame.stream);
    // State tensors are [layers=2, batch, 64].
    for (let layer = 0; layer < 2; layer++) {
      h.set(state.h.subarray(layer * 64, layer * 64 + 64), (layer * size + index) * 64);
      c.set(state.c.subarray(layer * 64, layer * 64 + 64), (layer * size + index) * 64);
    }
  });
  const started = performance.now();
  const out = await session.run({
    input: new ort.Tensor('float32', input, [size, frameSamples]),
    sr: sampleRate,
    h: new ort.Tensor('float32', h, [2, size, 64]),
    c: new ort.Tensor('float32', c, [2, size, 64]),
  });
  const inferenceMs = performance.now() - started;
  const probabilities = out.output.data;
  const hn = out.hn.data;
  const cn = out.cn.data;
  const results = batch.map((frame, index) => {
    const state = states.get(frame.stream);
    if (state)
      for (let layer = 0; layer < 2; layer++) {
        state.h.set(hn.subarray((layer * size + index) * 64, (layer * size + index) * 64 + 64), layer * 64);
        state.c.set(cn.subarray((layer * size + index) * 64, (layer * size + index) * 64 + 64), layer * 64);
      }
    return [frame.id, probabilities[index]];
  });
  parentPort.postMessage({ type: 'probabilities', results, inferenceMs, batch: size });
}
