import type { KObject, Pod } from '../api/types'
import { isPodReady } from './pod-utils'
import { findPort, podIPs, shouldPodBeInEndpoints, shouldSetHostname } from './endpoints-common'

/**
 * The legacy Endpoints object's `subsets` (`pkg/controller/endpoint/endpoints_controller.go`
 * syncService, `pkg/api/v1/endpoints/util.go` RepackSubsets/SortSubsets, REFERENCE 8.5):
 * one (address, port) pair per pod and Service port, then repacked so each subset is a set of
 * addresses sharing the same set of ports, ready ones in `addresses`, the others in
 * `notReadyAddresses`.
 *
 * Addresses are sorted as upstream (IP string byte order, then target uid). Upstream orders
 * ports and subsets by an md5 of their spew dump; the playground orders them by
 * (name, port, protocol) and first address (unverified against a real cluster).
 *
 * @example
 *   endpointSubsets(svc, pods)
 *   // → [{ addresses: [{ ip: '10.244.1.5', nodeName: 'node-1', targetRef: {…} }], ports: [{ port: 8080, protocol: 'TCP' }] }]
 */

export interface EndpointAddress {
  ip: string
  hostname?: string
  nodeName?: string
  targetRef?: { kind: string; namespace?: string; name?: string; uid?: string }
}

export interface EndpointPort {
  name?: string
  port: number
  protocol: string
  appProtocol?: string
}

export interface EndpointSubset {
  addresses?: EndpointAddress[]
  notReadyAddresses?: EndpointAddress[]
  ports?: EndpointPort[]
}

/** `maxCapacity`: more addresses than this are truncated (annotation `endpoints.kubernetes.io/over-capacity: truncated`). */
export const MAX_CAPACITY = 1000

interface Pair {
  addr: EndpointAddress
  ready: boolean
  port: EndpointPort | null
}

/** `podToEndpointAddressForService` + hostname: the pod's address of the Service's (first) family. */
function podAddress(svc: KObject, pod: Pod): EndpointAddress | undefined {
  const v6 = (svc.spec?.ipFamilies?.[0] ?? 'IPv4') === 'IPv6'
  const ip = podIPs(pod).find((a) => a.includes(':') === v6)
  if (!ip) return undefined
  const addr: EndpointAddress = { ip }
  if (shouldSetHostname(pod, svc)) addr.hostname = pod.spec.hostname
  addr.nodeName = pod.spec?.nodeName ?? ''
  addr.targetRef = { kind: 'Pod', namespace: pod.metadata.namespace, name: pod.metadata.name, uid: pod.metadata.uid }
  return addr
}

/** The subsets the endpoint controller writes for `svc` given the pods its selector matches. */
export function endpointSubsets(svc: KObject, pods: Pod[]): EndpointSubset[] {
  const tolerate = !!svc.spec?.publishNotReadyAddresses
  const ports: any[] = svc.spec?.ports ?? []
  const pairs: Pair[] = []
  for (const pod of pods) {
    // Terminating pods count only with publishNotReadyAddresses.
    if (!shouldPodBeInEndpoints(pod, tolerate)) continue
    const addr = podAddress(svc, pod)
    if (!addr) continue
    const ready = tolerate || isPodReady(pod)
    if (ports.length === 0) {
      // Headless Services may have no ports.
      if (svc.spec?.clusterIP === 'None') pairs.push({ addr, ready, port: null })
      continue
    }
    for (const sp of ports) {
      const port = findPort(pod, sp)
      if (port === undefined) continue
      const ep: EndpointPort = { port, protocol: sp.protocol ?? 'TCP' }
      if (sp.name) ep.name = sp.name
      if (sp.appProtocol) ep.appProtocol = sp.appProtocol
      pairs.push({ addr, ready, port: ep })
    }
  }
  return repack(pairs)
}

const portKey = (p: EndpointPort | null) => (p ? JSON.stringify([p.name ?? '', p.port, p.protocol, p.appProtocol ?? '']) : '')
const addrKey = (a: EndpointAddress) => `${a.ip}\u0000${a.targetRef?.uid ?? ''}`

/** `RepackSubsets`: map each port to its addresses, group ports with identical address sets, sort. */
function repack(pairs: Pair[]): EndpointSubset[] {
  const byPort = new Map<string, { port: EndpointPort | null; addrs: Map<string, { addr: EndpointAddress; ready: boolean }> }>()
  for (const { addr, ready, port } of pairs) {
    const k = portKey(port)
    let entry = byPort.get(k)
    if (!entry) byPort.set(k, (entry = { port, addrs: new Map() }))
    // An address ready for one port is ready for all (mapAddressByPort keeps "ready" once seen).
    const prev = entry.addrs.get(addrKey(addr))
    if (!prev || !prev.ready) entry.addrs.set(addrKey(addr), { addr: prev?.addr ?? addr, ready })
  }
  const groups = new Map<string, { addrs: { addr: EndpointAddress; ready: boolean }[]; ports: EndpointPort[] }>()
  for (const { port, addrs } of byPort.values()) {
    const list = [...addrs.values()].sort((a, b) => lessAddress(a.addr, b.addr))
    const key = JSON.stringify(list.map((x) => [addrKey(x.addr), x.ready]))
    let g = groups.get(key)
    if (!g) groups.set(key, (g = { addrs: list, ports: [] }))
    if (port) g.ports.push(port) // the sentinel (no port) only forces the group to exist
  }
  const out: EndpointSubset[] = []
  for (const g of groups.values()) {
    const ss: EndpointSubset = {}
    const ready = g.addrs.filter((x) => x.ready).map((x) => x.addr)
    const notReady = g.addrs.filter((x) => !x.ready).map((x) => x.addr)
    if (ready.length) ss.addresses = ready
    if (notReady.length) ss.notReadyAddresses = notReady
    if (g.ports.length) ss.ports = g.ports.sort(comparePorts)
    out.push(ss)
  }
  return out.sort((a, b) => cmp(firstIP(a), firstIP(b)) || cmp(JSON.stringify(a.ports ?? []), JSON.stringify(b.ports ?? [])))
}

/** `LessEndpointAddress`: IP compared as bytes of the string (so 10.0.0.10 < 10.0.0.2), then uid. */
export function lessAddress(a: EndpointAddress, b: EndpointAddress): number {
  return cmp(a.ip, b.ip) || cmp(a.targetRef?.uid ?? '', b.targetRef?.uid ?? '')
}

function comparePorts(a: EndpointPort, b: EndpointPort): number {
  return cmp(a.name ?? '', b.name ?? '') || a.port - b.port || cmp(a.protocol, b.protocol)
}

const firstIP = (ss: EndpointSubset) => (ss.addresses?.[0] ?? ss.notReadyAddresses?.[0])?.ip ?? ''

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0
}

/**
 * `truncateEndpoints`: over MAX_CAPACITY addresses, keep ready addresses first and share
 * what fits between subsets in proportion (rounded up). True if it truncated.
 */
export function truncateSubsets(subsets: EndpointSubset[]): boolean {
  const ready = subsets.reduce((n, s) => n + (s.addresses?.length ?? 0), 0)
  const notReady = subsets.reduce((n, s) => n + (s.notReadyAddresses?.length ?? 0), 0)
  if (ready + notReady <= MAX_CAPACITY) return false
  const truncateReady = ready > MAX_CAPACITY
  const max = truncateReady ? MAX_CAPACITY : MAX_CAPACITY - ready
  const total = truncateReady ? ready : notReady
  let canBeAdded = max
  for (const s of subsets) {
    const inSubset = (truncateReady ? s.addresses : s.notReadyAddresses)?.length ?? 0
    const toBeAdded = Math.min(Math.ceil((inSubset / total) * max), canBeAdded)
    if (truncateReady) {
      s.addresses = s.addresses?.slice(0, toBeAdded)
      delete s.notReadyAddresses
      canBeAdded -= s.addresses?.length ?? 0
    } else {
      s.notReadyAddresses = s.notReadyAddresses?.slice(0, toBeAdded)
      canBeAdded -= s.notReadyAddresses?.length ?? 0
    }
  }
  return true
}
