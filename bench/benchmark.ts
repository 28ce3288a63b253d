/** What every benchmark under bench/ implements; bench/run.ts runs them in turn. */
export interface Benchmark {
  /** Short, kebab-case: `npm run bench -- matcher` runs only this one. */
  name: string;
  description: string;
  /** Command-line options of its own (`npm run bench -- cluster --nodes 2`), in node:util parseArgs form. */
  options?: Readonly<Record<string, { type: 'string' | 'boolean'; default?: string | boolean }>>;
  run(context: BenchmarkContext): Promise<BenchmarkReport>;
}

export interface BenchmarkContext {
  /** `--quick`: smaller sizes and budgets, to check that the benchmark works, not to quote. */
  quick: boolean;
  /** `--full`: no time budgets, every configuration measured to the end however long it takes. */
  full: boolean;
  /** Progress for the person waiting; goes to stderr, so stdout stays the report. A property, so it can be destructured. */
  progress: (line: string) => void;
  /** Every parsed command-line option, the benchmarks' own (`options` above) included. */
  options?: Readonly<Record<string, string | boolean | undefined>>;
}

export interface TargetCheck {
  target: string;
  measured: string;
  met: boolean;
}

export interface BenchmarkReport {
  /** Markdown, printed under the benchmark's heading. */
  markdown: string;
  /** Targets from the issue, checked against the figures. */
  targets: TargetCheck[];
  /** Raw figures, written to the JSON report. */
  results: unknown;
}
