/**
 * The event queue of the simulator: a binary min-heap ordered by time, then by priority, then by
 * insertion order, so that events at the same millisecond run in a fixed order (deterministic).
 */

/** Anything with a time, a priority and an insertion number. */
export interface Queued {
  /** Milliseconds (an item may be re-queued at a later time once popped). */
  t: number;
  /** Among events at the same time, lower runs first. */
  readonly prio: number;
  /** Insertion number, assigned by the queue. */
  seq: number;
}

/** A min-heap of {@link Queued} items. */
export class EventQueue<E extends Queued> {
  private readonly items: E[] = [];
  private nextSeq = 0;

  /** Number of queued items. */
  get size(): number {
    return this.items.length;
  }

  /** Adds an item (its `seq` is overwritten). */
  push(item: E): void {
    item.seq = this.nextSeq++;
    const a = this.items;
    a.push(item);
    let i = a.length - 1;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (!before(a[i], a[p])) break;
      [a[i], a[p]] = [a[p], a[i]];
      i = p;
    }
  }

  /** Removes and returns the earliest item, or undefined when empty. */
  pop(): E | undefined {
    const a = this.items;
    if (a.length === 0) return undefined;
    const top = a[0];
    const last = a.pop() as E;
    if (a.length > 0) {
      a[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < a.length && before(a[l], a[m])) m = l;
        if (r < a.length && before(a[r], a[m])) m = r;
        if (m === i) break;
        [a[i], a[m]] = [a[m], a[i]];
        i = m;
      }
    }
    return top;
  }
}

function before(x: Queued, y: Queued): boolean {
  return x.t < y.t || (x.t === y.t && (x.prio < y.prio || (x.prio === y.prio && x.seq < y.seq)));
}
