/**
 * A push queue read as an async iterable. Items pushed before anyone reads are kept, so the first
 * reader sees the conversation from its start; `end()` finishes every reader once it has read what is left.
 */
export class EventStream<T> implements AsyncIterable<T> {
  private readonly buffered: T[] = [];
  private readonly waiting: ((result: IteratorResult<T>) => void)[] = [];
  private ended = false;

  push(item: T): void {
    if (this.ended) return;
    const reader = this.waiting.shift();
    if (reader) reader({ value: item, done: false });
    else this.buffered.push(item);
  }

  end(): void {
    this.ended = true;
    for (const reader of this.waiting.splice(0)) reader({ value: undefined, done: true });
  }

  [Symbol.asyncIterator](): AsyncIterator<T> {
    return {
      next: () => {
        if (this.buffered.length > 0) return Promise.resolve({ value: this.buffered.shift()!, done: false });
        if (this.ended) return Promise.resolve({ value: undefined, done: true });
        return new Promise((resolve) => this.waiting.push(resolve));
      },
      return: () => Promise.resolve({ value: undefined, done: true }),
    };
  }
}
