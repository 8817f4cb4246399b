/**
 * Go's `container/heap`, swap for swap. `selectHost` pops tied nodes in the order this exact
 * algorithm leaves them, and each pop of a tie draws from the RNG — so to make a seed replay
 * the way kube-scheduler would, the heap must move elements exactly like Go's does.
 *
 * `less(a, b)` is Go's `h.Less(i, j)`: true when `a` must come out before `b`.
 *
 * @example
 *   const h = [3, 1, 2]
 *   heapInit(h, (a, b) => a > b)   // a max-heap
 *   heapPop(h, (a, b) => a > b)    // → 3
 */
export type Less<T> = (a: T, b: T) => boolean

/** `heap.Init`: heapify in O(n). */
export function heapInit<T>(h: T[], less: Less<T>): void {
  const n = h.length
  for (let i = Math.floor(n / 2) - 1; i >= 0; i--) down(h, less, i, n)
}

/** `heap.Push`. */
export function heapPush<T>(h: T[], x: T, less: Less<T>): void {
  h.push(x)
  up(h, less, h.length - 1)
}

/** `heap.Pop`: swap the root with the last element, restore, remove the last. */
export function heapPop<T>(h: T[], less: Less<T>): T | undefined {
  if (h.length === 0) return undefined
  const n = h.length - 1
  swap(h, 0, n)
  down(h, less, 0, n)
  return h.pop()
}

/** `heap.Remove`: remove element i. */
export function heapRemove<T>(h: T[], i: number, less: Less<T>): T | undefined {
  const n = h.length - 1
  if (i < 0 || i > n) return undefined
  if (n !== i) {
    swap(h, i, n)
    if (!down(h, less, i, n)) up(h, less, i)
  }
  return h.pop()
}

/** `heap.Fix`: re-establish the order after element i changed. */
export function heapFix<T>(h: T[], i: number, less: Less<T>): void {
  if (!down(h, less, i, h.length)) up(h, less, i)
}

function up<T>(h: T[], less: Less<T>, j: number): void {
  for (;;) {
    const i = Math.floor((j - 1) / 2) // parent
    if (i === j || j <= 0 || !less(h[j], h[i])) break
    swap(h, i, j)
    j = i
  }
}

function down<T>(h: T[], less: Less<T>, i0: number, n: number): boolean {
  let i = i0
  for (;;) {
    const j1 = 2 * i + 1
    if (j1 >= n) break
    let j = j1 // left child
    const j2 = j1 + 1
    if (j2 < n && less(h[j2], h[j1])) j = j2 // right child
    if (!less(h[j], h[i])) break
    swap(h, i, j)
    i = j
  }
  return i > i0
}

function swap<T>(h: T[], i: number, j: number): void {
  const t = h[i]
  h[i] = h[j]
  h[j] = t
}
