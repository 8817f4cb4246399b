import type { ApiServer } from '../apiserver/apiserver'
import type { KObject } from '../api/types'
import { objectKey } from '../api/types'
import type { StoreEvent, Watch } from '../store/etcd'

export interface InformerHandlers {
  add?(obj: KObject): void
  update?(oldObj: KObject, newObj: KObject): void
  delete?(obj: KObject): void
}

/**
 * client-go's shared informer, reduced to what the simulation needs: list, then watch from
 * the list's resourceVersion; a local cache keyed `namespace/name`; handlers; and indexes
 * (e.g. pods by node) so a component's work is proportional to what changed.
 *
 * Objects in the cache are the frozen ones etcd stored: never mutate them.
 */
export class Informer {
  private cache = new Map<string, KObject>()
  private handlers: InformerHandlers[] = []
  private indexers = new Map<string, (o: KObject) => string[]>()
  private indexes = new Map<string, Map<string, Set<string>>>()
  private watchHandle?: Watch
  private synced = false

  constructor(
    private readonly api: ApiServer,
    readonly resource: string,
    private readonly actor: string,
    private readonly namespace?: string,
    /** A server-side field selector (e.g. `spec.nodeName=node-1`), as a predicate. */
    private readonly filter?: (o: KObject) => boolean,
  ) {}

  addHandlers(h: InformerHandlers): void {
    this.handlers.push(h)
  }

  addIndex(name: string, fn: (o: KObject) => string[]): void {
    this.indexers.set(name, fn)
    const idx = new Map<string, Set<string>>()
    this.indexes.set(name, idx)
    for (const [k, o] of this.cache) for (const v of fn(o)) addTo(idx, v, k)
  }

  /** List and start watching. Initial objects reach handlers as adds. */
  start(): void {
    if (this.watchHandle) return
    const { items, resourceVersion } = this.api.list(this.resource, this.namespace, { actor: this.actor, filter: this.filter })
    for (const o of items) this.apply({ type: 'ADDED', key: '', revision: 0, object: o })
    this.synced = true
    this.watchHandle = this.api.watch(this.resource, this.namespace, Number(resourceVersion), (e) => this.apply(e), { actor: this.actor, filter: this.filter })
  }

  stop(): void {
    this.watchHandle?.cancel()
    this.watchHandle = undefined
  }

  hasSynced(): boolean {
    return this.synced
  }

  get(key: string): KObject | undefined {
    return this.cache.get(key)
  }

  list(): KObject[] {
    return [...this.cache.values()]
  }

  byIndex(name: string, value: string): KObject[] {
    const keys = this.indexes.get(name)?.get(value)
    if (!keys) return []
    const out: KObject[] = []
    for (const k of keys) {
      const o = this.cache.get(k)
      if (o) out.push(o)
    }
    return out
  }

  size(): number {
    return this.cache.size
  }

  private apply(e: StoreEvent): void {
    const key = objectKey(e.object)
    const old = this.cache.get(key)
    // Drop stale deliveries (an older revision than what the cache holds).
    if (old && e.type !== 'DELETED' && Number(old.metadata.resourceVersion) >= Number(e.object.metadata.resourceVersion)) return
    if (e.type === 'DELETED') {
      if (!old) return
      this.cache.delete(key)
      this.reindex(key, old, undefined)
      for (const h of this.handlers) h.delete?.(e.object)
      return
    }
    this.cache.set(key, e.object)
    this.reindex(key, old, e.object)
    for (const h of this.handlers) {
      if (old) h.update?.(old, e.object)
      else h.add?.(e.object)
    }
  }

  private reindex(key: string, old: KObject | undefined, next: KObject | undefined): void {
    for (const [name, fn] of this.indexers) {
      const idx = this.indexes.get(name)!
      if (old) for (const v of fn(old)) idx.get(v)?.delete(key)
      if (next) for (const v of fn(next)) addTo(idx, v, key)
    }
  }
}

function addTo(idx: Map<string, Set<string>>, v: string, key: string): void {
  let s = idx.get(v)
  if (!s) idx.set(v, (s = new Set()))
  s.add(key)
}
