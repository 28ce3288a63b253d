import { createSeededRandom } from '../../support/seeded-random.js';

/** The seed CI always runs, so a regression on a known case shows up on every run. */
const FIXED_SEED = 20261207;

/** A seeded source of choices; one per run of cases, so a failure replays from its seed alone. */
export class FuzzRandom {
  readonly seed: number;
  private readonly next: () => number;

  constructor(seed: number) {
    this.seed = seed >>> 0;
    this.next = createSeededRandom(this.seed);
  }

  float(): number {
    return this.next();
  }

  /** An integer in [min, max]. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  chance(probability: number): boolean {
    return this.next() < probability;
  }

  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new Error('pick from an empty list');
    return items[Math.floor(this.next() * items.length)] as T;
  }

  /** One of `choices` by weight: `[[weight, value], ...]`. */
  weighted<T>(choices: readonly (readonly [number, T])[]): T {
    const total = choices.reduce((sum, [weight]) => sum + weight, 0);
    let point = this.next() * total;
    for (const [weight, value] of choices) {
      point -= weight;
      if (point < 0) return value;
    }
    return (choices.at(-1) as readonly [number, T])[1];
  }
}

/**
 * The seeds a fuzz test runs: `LIVEDESK_FUZZ_SEED` alone when set (to replay a failure), otherwise the
 * fixed seed and one drawn for this run, so every CI run also explores cases no earlier run tried.
 */
export function fuzzSeeds(env: NodeJS.ProcessEnv = process.env): number[] {
  const replay = env.LIVEDESK_FUZZ_SEED;
  if (replay !== undefined && replay.trim() !== '') {
    const seed = Number(replay);
    if (!Number.isInteger(seed) || seed < 0 || seed > 0xffffffff)
      throw new Error(`LIVEDESK_FUZZ_SEED must be an integer in 0..4294967295, got ${replay}`);
    return [seed];
  }
  return [FIXED_SEED, Math.floor(Math.random() * 0x100000000)];
}

/** Splits `total` cases over the seeds as evenly as possible. */
export function casesPerSeed(total: number, seeds: readonly number[]): number[] {
  return seeds.map((_, index) => Math.floor(total / seeds.length) + (index < total % seeds.length ? 1 : 0));
}

/** What a failure message starts with: enough to replay the case. */
export function replayHint(seed: number): string {
  return `LIVEDESK_FUZZ_SEED=${seed}`;
}
