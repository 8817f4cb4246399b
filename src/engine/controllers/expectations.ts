/**
 * client-go controllers' "expectations" (`UIDTrackingControllerExpectations` in
 * `pkg/controller/controller_utils.go`), on the virtual clock.
 *
 * A controller that creates or deletes pods writes down how many creations / which
 * deletions it expects to *see through its informer*, and does not act again for that key
 * until it has seen them (or 5 minutes pass). Without this, a second sync that runs before
 * the watch delivers the new pods would count too few pods and create them twice.
 *
 * @example
 *   const exp = new ControllerExpectations(() => clock.now())
 *   exp.expectCreations('default/web', 3)
 *   exp.satisfied('default/web')          // false until three pod adds are observed
 *   exp.creationObserved('default/web')   // from the pod informer's add handler
 */

/** `ExpectationsTimeout`. */
export const EXPECTATIONS_TIMEOUT_MS = 5 * 60_000

interface Expectation {
  add: number
  del: number
  /** Virtual ms when set; expectations older than the timeout no longer block. */
  timestamp: number
}

export interface ExpectationView {
  add: number
  del: number
  timestamp: number
  /** Pod keys whose deletion is still awaited. */
  deleteKeys: string[]
}

export class ControllerExpectations {
  private exps = new Map<string, Expectation>()
  private uids = new Map<string, Set<string>>()

  constructor(private readonly now: () => number) {}

  /**
   * `SatisfiedExpectations`: true when none are recorded, when they are fulfilled
   * (add ≤ 0 and del ≤ 0), or when they are older than 5 minutes.
   */
  satisfied(key: string): boolean {
    const e = this.exps.get(key)
    if (!e) return true
    if (e.add <= 0 && e.del <= 0) return true
    return this.now() - e.timestamp > EXPECTATIONS_TIMEOUT_MS
  }

  /** `ExpectCreations`: replaces whatever was expected before. */
  expectCreations(key: string, adds: number): void {
    this.exps.set(key, { add: adds, del: 0, timestamp: this.now() })
  }

  /** `ExpectDeletions` with the pod keys (`namespace/name`) it will delete. */
  expectDeletions(key: string, podKeys: string[]): void {
    const set = new Set(podKeys)
    this.uids.set(key, set)
    this.exps.set(key, { add: 0, del: set.size, timestamp: this.now() })
  }

  /** `LowerExpectations`: only touches expectations that exist. */
  lowerExpectations(key: string, add: number, del: number): void {
    const e = this.exps.get(key)
    if (!e) return
    e.add -= add
    e.del -= del
  }

  /** A pod the controller created was seen (or a creation was skipped or failed). */
  creationObserved(key: string): void {
    this.lowerExpectations(key, 1, 0)
  }

  /** A pod being deleted was seen; counts only if this pod's deletion was expected. */
  deletionObserved(key: string, podKey: string): void {
    const set = this.uids.get(key)
    if (!set?.has(podKey)) return
    set.delete(podKey)
    this.lowerExpectations(key, 0, 1)
  }

  /** `DeleteExpectations`: the controller object is gone (or will start clean). */
  deleteExpectations(key: string): void {
    this.exps.delete(key)
    this.uids.delete(key)
  }

  /** What is awaited for a key, for records and the UI. */
  get(key: string): ExpectationView | undefined {
    const e = this.exps.get(key)
    return e && { ...e, deleteKeys: [...(this.uids.get(key) ?? [])] }
  }
}
