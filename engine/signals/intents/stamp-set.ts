/**
 * A set of small integers (0 to size - 1) that empties in constant time: a member holds the current
 * generation, so clearing is moving to the next one. Intent matching keeps one per index and refills it for
 * each message, instead of allocating sets of feature strings each time.
 */
export class StampSet {
  private readonly stamps: Uint32Array;
  private generation = 1;

  constructor(size: number) {
    this.stamps = new Uint32Array(size);
  }

  clear(): void {
    this.generation += 1;
    if (this.generation === 0xffffffff) {
      this.stamps.fill(0);
      this.generation = 1;
    }
  }

  add(member: number): void {
    this.stamps[member] = this.generation;
  }

  has(member: number): boolean {
    return this.stamps[member] === this.generation;
  }
}
