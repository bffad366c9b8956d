/**
 * The last answers of an async computation, by key: asking again for a key
 * shares its answer, or the computation still in flight; a failure is not
 * kept; the least recently used answer goes when `size` are held.
 *
 * @public
 */
export class RecentPromises<T> {
  private readonly entries = new Map<string, Promise<T>>();

  constructor(private readonly size: number) {}

  /** The answer held for `key`, without computing one. */
  peek(key: string): Promise<T> | undefined {
    return this.entries.get(key);
  }

  /** The answer held for `key`, or `load()`'s, which is then held. */
  get(key: string, load: () => Promise<T>): Promise<T> {
    let entry = this.entries.get(key);
    if (entry) {
      // Used again: it becomes the most recent.
      this.entries.delete(key);
    } else {
      const loading = load();
      loading.catch(() => {
        if (this.entries.get(key) === loading) this.entries.delete(key);
      });
      entry = loading;
    }
    this.entries.set(key, entry);
    while (this.entries.size > this.size) {
      this.entries.delete(this.entries.keys().next().value!);
    }
    return entry;
  }
}
