import { runAngerBenchmark } from './eval/anger/run-anger-benchmark.js';
import { AngerConfigSchema } from './engine/signals/anger-config.js';
runAngerBenchmark({ dataDir: '/work/shared/eval-data', config: AngerConfigSchema.parse({}), tune: false }).then(() => console.log('ok'), (e: unknown) => console.log((e as Error).stack));
