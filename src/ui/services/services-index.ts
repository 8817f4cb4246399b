/**
 * The Services and EndpointSlices of the mirror, per namespace, kept up to date from each diff
 * in time proportional to the diff (the store applies it beside the mirror). The canvas and the
 * traffic panel read Services from here instead of scanning every object: with the scale
 * experiment's 10,000 Services (and as many slices and Endpoints) a full scan per frame would
 * stall the page.
 */
import type { KObject } from '../../engine/index'
import type { DiffMessage, FullMessage } from '../../protocol'

export interface NsServices {
  services: Readonly<Record<string, KObject>>
  slices: Readonly<Record<string, KObject>>
}

export interface ServicesIndex {
  /** Bumped on every change (a cheap dependency for memos). */
  version: number
  byNs: Readonly<Record<string, NsServices>>
}

export const EMPTY_SERVICES_INDEX: ServicesIndex = { version: 0, byNs: {} }

const KINDS = { Service: 'services', EndpointSlice: 'slices' } as const
type Kind = keyof typeof KINDS

const isIndexed = (o: KObject | undefined): o is KObject => !!o && (o.kind === 'Service' || o.kind === 'EndpointSlice')

class Draft {
  private byNs: Record<string, NsServices>
  private cloned = new Set<string>()
  changed = false
  constructor(private readonly base: ServicesIndex) {
    this.byNs = base.byNs as Record<string, NsServices>
  }

  private ns(name: string, kind: Kind): Record<string, KObject> {
    if (!this.changed) this.byNs = { ...this.byNs }
    this.changed = true
    const key = `${name}/${kind}`
    if (!this.cloned.has(key)) {
      this.cloned.add(key)
      const cur = this.byNs[name] ?? { services: {}, slices: {} }
      this.byNs[name] = { ...cur, [KINDS[kind]]: { ...cur[KINDS[kind]] } }
    }
    return this.byNs[name][KINDS[kind]] as Record<string, KObject>
  }

  put(o: KObject): void {
    this.ns(o.metadata.namespace ?? 'default', o.kind as Kind)[o.metadata.uid as string] = o
  }

  drop(o: KObject): void {
    const ns = o.metadata.namespace ?? 'default'
    const m = this.ns(ns, o.kind as Kind)
    delete m[o.metadata.uid as string]
    const e = this.byNs[ns]
    if (e && !Object.keys(e.services).length && !Object.keys(e.slices).length) delete this.byNs[ns]
  }

  result(): ServicesIndex {
    return this.changed ? { version: this.base.version + 1, byNs: this.byNs } : this.base
  }
}

/** Apply a diff; `before` is the mirror before it (to know the kind of what was removed). */
export function servicesIndexDiff(idx: ServicesIndex, before: Readonly<Record<string, KObject>>, d: Pick<DiffMessage, 'upserts' | 'removed'>): ServicesIndex {
  const draft = new Draft(idx)
  for (const o of d.upserts) if (isIndexed(o)) draft.put(o)
  for (const uid of d.removed) {
    const o = before[uid]
    if (isIndexed(o)) draft.drop(o)
  }
  return draft.result()
}

export function servicesIndexFull(idx: ServicesIndex, f: Pick<FullMessage, 'objects'>): ServicesIndex {
  const draft = new Draft({ version: idx.version, byNs: {} })
  for (const o of f.objects) if (isIndexed(o)) draft.put(o)
  const r = draft.result()
  return r.version === idx.version ? { version: idx.version + 1, byNs: {} } : r
}

/** Services per namespace (how many each has). */
export function serviceCounts(idx: ServicesIndex): Map<string, number> {
  return new Map(Object.entries(idx.byNs).map(([ns, e]) => [ns, Object.keys(e.services).length]))
}
