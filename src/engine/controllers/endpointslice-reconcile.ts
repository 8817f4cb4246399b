import type { KObject, Pod } from '../api/types'
import { deepCopy } from '../api/types'
import { isPodReady } from './pod-utils'
import { ANNOTATION_TRIGGER_TIME, LABEL_HEADLESS, findPort, isServiceIPSet, podIPs, shouldPodBeInEndpoints, shouldSetHostname } from './endpoints-common'

/**
 * The EndpointSlice reconciler (`k8s.io/endpointslice/reconciler.go`, REFERENCE 8.5) as a
 * pure function: given a Service, the pods its selector matches, the nodes and the slices it
 * already has, which slices to create, update and delete.
 *
 * Upstream picks endpoints out of a Go map (random order); the playground fills slices in
 * address order and handles slices by name, so a seed always gives the same slices.
 *
 * @example
 *   const plan = reconcileSlices({ service, pods, node: (n) => nodes.get(n), existing: [] })
 *   plan.create[0].metadata.generateName   // 'web-'
 */

export const LABEL_SERVICE_NAME = 'kubernetes.io/service-name'
export const LABEL_MANAGED_BY = 'endpointslice.kubernetes.io/managed-by'
export const CONTROLLER_NAME = 'endpointslice-controller.k8s.io'
/** `--max-endpoints-per-slice` default. */
export const MAX_ENDPOINTS_PER_SLICE = 100

export interface SliceEndpoint {
  addresses: string[]
  conditions: { ready?: boolean; serving?: boolean; terminating?: boolean }
  hostname?: string
  targetRef?: { kind: string; namespace?: string; name?: string; uid?: string }
  nodeName?: string
  zone?: string
}

export interface SlicePort {
  name: string
  port: number
  protocol: string
  appProtocol?: string
}

export interface ReconcileInput {
  service: KObject
  /** Pods matching the selector, in any order. */
  pods: Pod[]
  node(name: string): KObject | undefined
  /** Slices labelled with this Service's name and managed by this controller. */
  existing: KObject[]
  /** `endpoints.kubernetes.io/last-change-trigger-time`, if known. */
  triggerTime?: string
  maxEndpointsPerSlice?: number
  controllerName?: string
}

export interface SlicePlan {
  create: KObject[]
  update: KObject[]
  delete: KObject[]
  /** Pods left out because their node is unknown (upstream: an error, so the Service is retried). */
  missingNodes: string[]
}

/** `podToEndpoint`: ready = publishNotReadyAddresses || (serving && !terminating). */
export function podToEndpoint(pod: KObject, node: KObject | undefined, svc: KObject, addressType: string): SliceEndpoint {
  const serving = isPodReady(pod)
  const terminating = !!pod.metadata.deletionTimestamp
  const ready = !!svc.spec?.publishNotReadyAddresses || (serving && !terminating)
  const ep: SliceEndpoint = {
    addresses: podIPs(pod).filter((ip) => ip.includes(':') === (addressType === 'IPv6')),
    conditions: { ready, serving, terminating },
  }
  if (shouldSetHostname(pod, svc)) ep.hostname = pod.spec.hostname
  ep.targetRef = { kind: 'Pod', namespace: pod.metadata.namespace, name: pod.metadata.name, uid: pod.metadata.uid }
  if (pod.spec?.nodeName) ep.nodeName = pod.spec.nodeName
  const zone = node?.metadata.labels?.['topology.kubernetes.io/zone']
  if (zone) ep.zone = zone
  return ep
}

/** `getEndpointPorts`: one port per Service port whose targetPort this pod resolves. */
export function endpointPorts(svc: KObject, pod: KObject): SlicePort[] {
  const ports: any[] = svc.spec?.ports ?? []
  const out: SlicePort[] = []
  for (const sp of ports) {
    const port = findPort(pod, sp)
    if (port === undefined) continue
    const p: SlicePort = { name: sp.name ?? '', port, protocol: sp.protocol ?? 'TCP' }
    if (sp.appProtocol) p.appProtocol = sp.appProtocol
    out.push(p)
  }
  return out
}

/** Which address families the Service wants slices for (`getAddressTypesForService`). */
export function addressTypes(svc: KObject): string[] {
  const fams: string[] = svc.spec?.ipFamilies ?? []
  if (fams.length) return fams.filter((f) => f === 'IPv4' || f === 'IPv6')
  if (isServiceIPSet(svc)) return [svc.spec.clusterIP.includes(':') ? 'IPv6' : 'IPv4']
  return ['IPv4', 'IPv6']
}

/** `setEndpointSliceLabels`: the Service's labels plus the reserved ones; `changed` compares the unreserved ones. */
export function sliceLabels(slice: KObject | undefined, svc: KObject, controllerName = CONTROLLER_NAME): { labels: Record<string, string>; changed: boolean } {
  const reserved = (k: string) => k === LABEL_SERVICE_NAME || k === LABEL_MANAGED_BY || k === LABEL_HEADLESS
  const pick = (l: Record<string, string> | undefined) => Object.fromEntries(Object.entries(l ?? {}).filter(([k]) => !reserved(k)))
  const svcLabels = pick(svc.metadata.labels)
  const changed = !sameMap(pick(slice?.metadata.labels), svcLabels)
  const labels: Record<string, string> = { ...svcLabels }
  if (!isServiceIPSet(svc)) labels[LABEL_HEADLESS] = ''
  labels[LABEL_SERVICE_NAME] = svc.metadata.name as string
  labels[LABEL_MANAGED_BY] = controllerName
  return { labels, changed }
}

/** `newEndpointSlice`: generateName `<svc>-`, owned by the Service (controller reference). */
export function newEndpointSlice(svc: KObject, ports: SlicePort[] | null, addressType: string, controllerName = CONTROLLER_NAME): KObject {
  return {
    apiVersion: 'discovery.k8s.io/v1',
    kind: 'EndpointSlice',
    metadata: {
      generateName: `${svc.metadata.name}-`,
      namespace: svc.metadata.namespace,
      labels: sliceLabels(undefined, svc, controllerName).labels,
      ownerReferences: [{ apiVersion: 'v1', kind: 'Service', name: svc.metadata.name as string, uid: svc.metadata.uid as string, controller: true, blockOwnerDeletion: true }],
    },
    addressType,
    // A placeholder's empty lists come back as null after etcd's protobuf round trip.
    endpoints: ports === null ? null : [],
    ports: ports === null ? null : ports,
  }
}

/** Identity of an endpoint inside a slice (`hashEndpoint`): addresses, hostname, target. */
function endpointKey(ep: SliceEndpoint): string {
  return JSON.stringify([[...ep.addresses].sort(), ep.hostname ?? '', ep.targetRef?.namespace ?? '', ep.targetRef?.name ?? ''])
}

/** `EndpointsEqualBeyondHash`: node, zone, the three conditions, and the target's uid. */
function equalBeyondHash(a: SliceEndpoint, b: SliceEndpoint): boolean {
  return (
    a.nodeName === b.nodeName && a.zone === b.zone && a.conditions?.ready === b.conditions?.ready &&
    a.conditions?.serving === b.conditions?.serving && a.conditions?.terminating === b.conditions?.terminating &&
    a.targetRef?.kind === b.targetRef?.kind && a.targetRef?.uid === b.targetRef?.uid
  )
}

const portKey = (ports: SlicePort[] | null | undefined) =>
  JSON.stringify([...(ports ?? [])].map((p) => [p.name ?? '', p.port ?? null, p.protocol ?? '', p.appProtocol ?? '']).sort())

const ownedBy = (slice: KObject, svc: KObject) =>
  (slice.metadata.ownerReferences ?? []).some((o) => o.uid === svc.metadata.uid && o.kind === 'Service' && o.apiVersion === 'v1')

/** `Reconcile`: every address type the Service wants, then slices of types it no longer wants. */
export function reconcileSlices(input: ReconcileInput): SlicePlan {
  const plan: SlicePlan = { create: [], update: [], delete: [], missingNodes: [] }
  const types = addressTypes(input.service)
  const byName = (a: KObject, b: KObject) => ((a.metadata.name ?? '') < (b.metadata.name ?? '') ? -1 : 1)
  const existing = [...input.existing].sort(byName)
  for (const t of types) {
    const p = reconcileByAddressType(input, existing.filter((s) => s.addressType === t), t)
    plan.create.push(...p.create)
    plan.update.push(...p.update)
    plan.delete.push(...p.delete)
    for (const n of p.missingNodes) if (!plan.missingNodes.includes(n)) plan.missingNodes.push(n)
  }
  plan.delete.push(...existing.filter((s) => !types.includes(s.addressType)))
  return plan
}

function reconcileByAddressType(input: ReconcileInput, existing: KObject[], addressType: string): SlicePlan {
  const { service: svc } = input
  const max = input.maxEndpointsPerSlice ?? MAX_ENDPOINTS_PER_SLICE
  const name = input.controllerName ?? CONTROLLER_NAME
  let create: KObject[] = []
  let update: KObject[] = []
  let del: KObject[] = []
  const missingNodes: string[] = []

  const existingByPorts = new Map<string, KObject[]>()
  for (const s of existing) {
    if (!ownedBy(s, svc)) {
      del.push(s)
      continue
    }
    const k = portKey(s.ports)
    existingByPorts.set(k, [...(existingByPorts.get(k) ?? []), s])
  }

  // Desired endpoints, grouped by the ports each pod resolves (named targetPorts may differ per pod).
  const desired = new Map<string, { ports: SlicePort[]; endpoints: Map<string, SliceEndpoint> }>()
  const pods = [...input.pods].sort((a, b) => cmp(podIPs(a)[0] ?? '', podIPs(b)[0] ?? '') || cmp(a.metadata.name ?? '', b.metadata.name ?? ''))
  for (const pod of pods) {
    if (!shouldPodBeInEndpoints(pod, true)) continue
    const ports = endpointPorts(svc, pod)
    const k = portKey(ports)
    let group = desired.get(k)
    if (!group) desired.set(k, (group = { ports, endpoints: new Map() }))
    const node = pod.spec?.nodeName ? input.node(pod.spec.nodeName) : undefined
    if (!node && !svc.spec?.publishNotReadyAddresses) {
      // Upstream: "skipping Pod for Service, Node not found" — and the Service is retried.
      missingNodes.push(pod.spec?.nodeName ?? '')
      continue
    }
    const ep = podToEndpoint(pod, node, svc, addressType)
    if (ep.addresses.length) group.endpoints.set(endpointKey(ep), ep)
  }

  for (const [k, group] of desired) {
    const p = reconcileByPortMapping(svc, existingByPorts.get(k) ?? [], group.endpoints, group.ports, addressType, max, name)
    create.push(...p.create)
    update.push(...p.update)
    del.push(...p.delete)
  }
  for (const [k, slices] of existingByPorts) if (!desired.has(k)) del.push(...slices)

  // No slices would exist: keep (or create) one empty placeholder.
  if (existing.length === del.length && create.length === 0) {
    const placeholder = newEndpointSlice(svc, null, addressType, name)
    if (del.length === 1 && isPlaceholderOf(del[0], placeholder)) del = []
    else create.push(placeholder)
  }

  // finalize: turn creates into updates of slices that would otherwise be deleted.
  del = del.filter((s) => {
    if (!create.length || s.addressType !== addressType || !ownedBy(s, svc)) return true
    const c = create.pop() as KObject
    c.metadata = { ...c.metadata, name: s.metadata.name }
    delete c.metadata.generateName
    update.push(c)
    return false
  })
  if (svc.metadata.deletionTimestamp) create = [] // Don't race the garbage collector.
  for (const s of [...create, ...update]) setTriggerTime(s, input.triggerTime)
  update = update.sort((a, b) => cmp(a.metadata.name ?? '', b.metadata.name ?? ''))
  return { create, update, delete: del, missingNodes }
}

/** `reconcileByPortMapping`: keep wanted endpoints in place, refresh changed ones, fill, then create. */
function reconcileByPortMapping(
  svc: KObject, existing: KObject[], desired: Map<string, SliceEndpoint>, ports: SlicePort[], addressType: string, max: number, controllerName: string,
): { create: KObject[]; update: KObject[]; delete: KObject[] } {
  const slices = new Map<string, KObject>()
  const unchanged: string[] = []
  const toUpdate: string[] = []
  const toDelete: string[] = []
  for (const s of existing) {
    const name = s.metadata.name as string
    slices.set(name, s)
    const kept: SliceEndpoint[] = []
    let changed = false
    for (const ep of (s.endpoints ?? []) as SliceEndpoint[]) {
      const got = desired.get(endpointKey(ep))
      if (!got) continue
      kept.push(got)
      if (!equalBeyondHash(got, ep)) changed = true
      desired.delete(endpointKey(ep))
    }
    const { labels, changed: labelsChanged } = sliceLabels(s, svc, controllerName)
    if (changed || kept.length !== (s.endpoints ?? []).length) {
      if (!kept.length) toDelete.push(name)
      else {
        slices.set(name, { ...deepCopy(s), endpoints: kept, metadata: { ...deepCopy(s.metadata), labels } })
        toUpdate.push(name)
      }
    } else if (labelsChanged) {
      slices.set(name, { ...deepCopy(s), metadata: { ...deepCopy(s.metadata), labels } })
      toUpdate.push(name)
    } else unchanged.push(name)
  }
  const queue = [...desired.values()]
  // Fill slices already being updated, fullest first.
  if (queue.length && toUpdate.length) {
    const order = [...toUpdate].sort((a, b) => (slices.get(b)!.endpoints.length - slices.get(a)!.endpoints.length) || cmp(a, b))
    for (const n of order) {
      const s = slices.get(n)!
      while (queue.length && s.endpoints.length < max) s.endpoints.push(queue.shift())
    }
  }
  const create: KObject[] = []
  while (queue.length) {
    let fill: KObject | undefined
    if (queue.length < max && unchanged.length) {
      // getSliceToFill: the unchanged slice that ends up closest to full.
      let best = max
      for (const n of unchanged) {
        const diff = max - (queue.length + (slices.get(n)!.endpoints ?? []).length)
        if (diff >= 0 && diff < best) [best, fill] = [diff, slices.get(n)]
      }
    }
    if (fill) {
      fill = { ...deepCopy(fill), endpoints: [...(fill.endpoints ?? [])] }
      slices.set(fill.metadata.name as string, fill)
      unchanged.splice(unchanged.indexOf(fill.metadata.name as string), 1)
      toUpdate.push(fill.metadata.name as string)
    } else {
      fill = newEndpointSlice(svc, ports, addressType, controllerName)
      create.push(fill)
    }
    while (queue.length && fill.endpoints.length < max) fill.endpoints.push(queue.shift())
  }
  return { create, update: toUpdate.map((n) => slices.get(n)!), delete: toDelete.map((n) => slices.get(n)!) }
}

/** `placeholderSliceCompare`: namespace, labels, owners, address type; no endpoints, no ports. */
function isPlaceholderOf(s: KObject, placeholder: KObject): boolean {
  return (
    s.metadata.namespace === placeholder.metadata.namespace && sameMap(s.metadata.labels, placeholder.metadata.labels) &&
    JSON.stringify(s.metadata.ownerReferences ?? []) === JSON.stringify(placeholder.metadata.ownerReferences) &&
    s.addressType === placeholder.addressType && !(s.endpoints ?? []).length && !(s.ports ?? []).length
  )
}

/** `addTriggerTimeAnnotation`: set it, or clear it when there is no new trigger time. */
function setTriggerTime(s: KObject, t: string | undefined): void {
  const ann = { ...(s.metadata.annotations ?? {}) }
  if (t) ann[ANNOTATION_TRIGGER_TIME] = t
  else delete ann[ANNOTATION_TRIGGER_TIME]
  s.metadata = { ...s.metadata, annotations: ann }
  if (!Object.keys(ann).length) delete s.metadata.annotations
}

function sameMap(a: Record<string, string> | undefined, b: Record<string, string> | undefined): boolean {
  const ka = Object.keys(a ?? {})
  return ka.length === Object.keys(b ?? {}).length && ka.every((k) => a![k] === b?.[k])
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0
}
