// Runs one matcher measurement in a process of its own (so its memory figures are its own), started by
// matcher-benchmark.ts as `node --expose-gc --import tsx measure-matcher-process.ts '<options JSON>'`.
// The measurement is the one line on stdout; progress goes to stderr.
import { measureMatcher, MeasureMatcherOptionsSchema } from './measure-matcher.js';

const options = MeasureMatcherOptionsSchema.parse(JSON.parse(process.argv[2] ?? '{}'));
const measurement = await measureMatcher(options, (line) => process.stderr.write(`  ${line}\n`));
process.stdout.write(`${JSON.stringify(measurement)}\n`);
