import type { Container, Node, PodSpec, ResourceList } from '../api/types'
import { cpuMillis, memoryBytes } from '../api/quantity'

/**
 * The scheduler's resource arithmetic: `framework.Resource`, the pod request
 * (`k8s.io/component-helpers/resource.PodRequests`) and node allocatable. CPU is in
 * millicores (`MilliValue()`), everything else in base units (`Value()`).
 */
export interface Resource {
  milliCPU: number
  memory: number
  ephemeralStorage: number
  /** Extended and hugepages resources (`IsScalarResourceName`). */
  scalar: Record<string, number>
}

/** `schedutil.DefaultMilliCPURequest`: 0.1 core, counted for a container with no cpu request. */
export const DEFAULT_MILLI_CPU_REQUEST = 100
/** `schedutil.DefaultMemoryRequest`: 200 MiB, counted for a container with no memory request. */
export const DEFAULT_MEMORY_REQUEST = 200 * 1024 * 1024

export function emptyResource(): Resource {
  return { milliCPU: 0, memory: 0, ephemeralStorage: 0, scalar: {} }
}

/** `schedutil.IsScalarResourceName`: extended (`example.com/gpu`), hugepages-*, attachable-volumes-*. */
export function isScalarResourceName(name: string): boolean {
  return name.includes('/') || name.startsWith('hugepages-') || name.startsWith('attachable-volumes-')
}

/** One quantity in the unit the scheduler uses for that resource; unparsable values count 0. */
function amount(name: string, q: string | undefined): number {
  if (q === undefined || q === null) return 0
  try {
    return name === 'cpu' ? cpuMillis(q) : memoryBytes(q)
  } catch {
    return 0
  }
}

type Vec = Map<string, number>

function toVec(list: ResourceList | undefined): Vec {
  const v: Vec = new Map()
  for (const [k, q] of Object.entries(list ?? {})) if (k !== 'pods') v.set(k, amount(k, q))
  return v
}
const add = (into: Vec, v: Vec) => v.forEach((x, k) => into.set(k, (into.get(k) ?? 0) + x))
const max = (into: Vec, v: Vec) => v.forEach((x, k) => into.set(k, Math.max(into.get(k) ?? 0, x)))

/**
 * `PodRequests`: the sum over containers, raised to the largest init-container need (an init
 * container runs alone, next to the restartable sidecars started before it), plus overhead.
 * `nonZero` applies `NonMissingContainerRequests`: a container with *no* cpu/memory request
 * counts 100m / 200Mi (an explicit `0` stays 0) — what LeastAllocated and NodeInfo.NonZeroRequested use.
 */
export function podRequests(spec: PodSpec, nonZero = false): Resource {
  const reqs = (c: Container): Vec => {
    const v = toVec(c.resources?.requests)
    if (nonZero) {
      if (!v.has('cpu')) v.set('cpu', DEFAULT_MILLI_CPU_REQUEST)
      if (!v.has('memory')) v.set('memory', DEFAULT_MEMORY_REQUEST)
    }
    return v
  }
  const total: Vec = new Map()
  for (const c of spec.containers ?? []) add(total, reqs(c))
  const sidecars: Vec = new Map()
  const initMax: Vec = new Map()
  for (const c of spec.initContainers ?? []) {
    let need = reqs(c)
    if (c.restartPolicy === 'Always') {
      // A restartable init container (sidecar) keeps running: it adds to the pod's total.
      add(total, need)
      add(sidecars, need)
      need = new Map(sidecars)
    } else add(need, sidecars)
    max(initMax, need)
  }
  max(total, initMax)
  add(total, toVec(spec.overhead as ResourceList | undefined))
  return fromVec(total)
}

function fromVec(v: Vec): Resource {
  const r = emptyResource()
  for (const [k, x] of v) {
    if (k === 'cpu') r.milliCPU = x
    else if (k === 'memory') r.memory = x
    else if (k === 'ephemeral-storage') r.ephemeralStorage = x
    else if (isScalarResourceName(k)) r.scalar[k] = x
  }
  return r
}

/** `status.allocatable` as `NodeInfo.Allocatable` (with `AllowedPodNumber`). */
export function nodeAllocatable(node: Node): { resource: Resource; allowedPodNumber: number } {
  const list = node.status?.allocatable
  return { resource: fromVec(toVec(list)), allowedPodNumber: Math.floor(amount('pods', list?.pods)) }
}

export function addResource(into: Resource, r: Resource, sign = 1): void {
  into.milliCPU += sign * r.milliCPU
  into.memory += sign * r.memory
  into.ephemeralStorage += sign * r.ephemeralStorage
  for (const [k, x] of Object.entries(r.scalar)) into.scalar[k] = (into.scalar[k] ?? 0) + sign * x
}
