/** Label values of one series; names must match `[a-zA-Z_][a-zA-Z0-9_]*`. */
export type Labels = Readonly<Record<string, string>>;

interface Family {
  name: string;
  help: string;
  type: 'counter' | 'gauge' | 'histogram';
  /** Exposition lines of the family's samples, read at scrape time. */
  samples(): string[];
}

const NAME = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/;

function escapeLabelValue(value: string): string {
  return value.replaceAll('\\', '\\\\').replaceAll('\n', '\\n').replaceAll('"', '\\"');
}

function formatLabels(labels: Labels, extra?: [string, string]): string {
  const pairs = Object.entries(labels);
  if (extra) pairs.push(extra);
  if (pairs.length === 0) return '';
  return `{${pairs.map(([key, value]) => `${key}="${escapeLabelValue(value)}"`).join(',')}}`;
}

function formatValue(value: number): string {
  if (Number.isNaN(value)) return 'NaN';
  if (value === Number.POSITIVE_INFINITY) return '+Inf';
  if (value === Number.NEGATIVE_INFINITY) return '-Inf';
  return String(value);
}

function seriesKey(labels: Labels): string {
  return JSON.stringify(Object.entries(labels).sort(([first], [second]) => (first < second ? -1 : 1)));
}

export class Counter {
  private readonly values = new Map<string, { labels: Labels; value: number }>();

  inc(labels: Labels = {}, amount = 1): void {
    if (!(amount >= 0)) throw new RangeError('a counter only goes up');
    const key = seriesKey(labels);
    const series = this.values.get(key);
    if (series) series.value += amount;
    else this.values.set(key, { labels, value: amount });
  }

  value(labels: Labels = {}): number {
    return this.values.get(seriesKey(labels))?.value ?? 0;
  }

  /** @internal */
  lines(name: string): string[] {
    if (this.values.size === 0) return [`${name} 0`];
    return [...this.values.values()].map(
      (series) => `${name}${formatLabels(series.labels)} ${formatValue(series.value)}`,
    );
  }
}

export class Histogram {
  private readonly series = new Map<
    string,
    { labels: Labels; counts: number[]; sum: number; count: number }
  >();

  /** `buckets`: upper bounds, ascending; `+Inf` is added. */
  constructor(readonly buckets: readonly number[]) {
    for (let index = 1; index < buckets.length; index++)
      if (!(buckets[index]! > buckets[index - 1]!)) throw new RangeError('histogram buckets must ascend');
  }

  observe(value: number, labels: Labels = {}): void {
    const key = seriesKey(labels);
    let series = this.series.get(key);
    if (!series) {
      series = { labels, counts: new Array<number>(this.buckets.length).fill(0), sum: 0, count: 0 };
      this.series.set(key, series);
    }
    for (let index = 0; index < this.buckets.length; index++)
      if (value <= this.buckets[index]!) series.counts[index]!++;
    series.sum += value;
    series.count++;
  }

  /** @internal */
  lines(name: string): string[] {
    const lines: string[] = [];
    for (const series of this.series.values()) {
      this.buckets.forEach((bound, index) =>
        lines.push(
          `${name}_bucket${formatLabels(series.labels, ['le', formatValue(bound)])} ${series.counts[index]}`,
        ),
      );
      lines.push(`${name}_bucket${formatLabels(series.labels, ['le', '+Inf'])} ${series.count}`);
      lines.push(`${name}_sum${formatLabels(series.labels)} ${formatValue(series.sum)}`);
      lines.push(`${name}_count${formatLabels(series.labels)} ${series.count}`);
    }
    return lines;
  }
}

/**
 * A small Prometheus registry: counters and histograms the code updates, gauges read from callbacks at
 * scrape time (connections, queue length), rendered in the text exposition format 0.0.4.
 */
export class PrometheusRegistry {
  private readonly families = new Map<string, Family>();

  counter(name: string, help: string): Counter {
    const counter = new Counter();
    this.register({ name, help, type: 'counter', samples: () => counter.lines(name) });
    return counter;
  }

  histogram(name: string, help: string, buckets: readonly number[]): Histogram {
    const histogram = new Histogram(buckets);
    this.register({ name, help, type: 'histogram', samples: () => histogram.lines(name) });
    return histogram;
  }

  /**
   * A gauge (or a counter kept elsewhere, such as CPU time) read when scraped; a failing callback leaves
   * it out of that scrape.
   */
  gauge(
    name: string,
    help: string,
    read: () => number | readonly { labels: Labels; value: number }[],
    type: 'gauge' | 'counter' = 'gauge',
  ): void {
    this.register({
      name,
      help,
      type,
      samples: () => {
        const value = read();
        if (typeof value === 'number') return [`${name} ${formatValue(value)}`];
        return value.map((series) => `${name}${formatLabels(series.labels)} ${formatValue(series.value)}`);
      },
    });
  }

  /** The exposition text. */
  render(): string {
    const lines: string[] = [];
    for (const family of this.families.values()) {
      let samples: string[];
      try {
        samples = family.samples();
      } catch {
        continue;
      }
      lines.push(`# HELP ${family.name} ${family.help.replaceAll('\\', '\\\\').replaceAll('\n', '\\n')}`);
      lines.push(`# TYPE ${family.name} ${family.type}`);
      lines.push(...samples);
    }
    return `${lines.join('\n')}\n`;
  }

  private register(family: Family): void {
    if (!NAME.test(family.name)) throw new RangeError(`invalid metric name ${family.name}`);
    if (this.families.has(family.name)) throw new RangeError(`metric ${family.name} is registered twice`);
    this.families.set(family.name, family);
  }
}
