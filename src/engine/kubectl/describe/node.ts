import type { KEvent, Node, Pod } from '../../api/types'
import { cpuMillis, formatQuantity, memoryBytes, parseQuantity, type QuantityFormat } from '../../api/quantity'
import { rfc1123z } from '../duration'
import { nodeRoles } from '../printers/node'
import type { PrintContext } from '../printers/table'
import { quantityString } from './containers'
import { describeEvents, printAnnotationsMultiline, printLabelsMultiline, printTaintsMultiline, PrefixWriter } from './writer'

export interface NodeLease {
  holderIdentity?: string
  acquireTime?: string
  renewTime?: string
}

/**
 * `describeNode` (kubectl `pkg/describe/describe.go`). `pods` are the node's non-terminated
 * pods in all namespaces; `lease` its `kube-node-lease` Lease (the caller supplies one).
 */
export function describeNode(node: Node, pods: Pod[], events: KEvent[] | undefined, lease: NodeLease | undefined, p: PrintContext): string {
  const w = new PrefixWriter()
  const status = node.status ?? {}
  w.write(0, `Name:\t${node.metadata.name ?? ''}\n`)
  w.write(0, `Roles:\t${nodeRoles(node).join(',') || '<none>'}\n`)
  printLabelsMultiline(w, 'Labels', node.metadata.labels)
  printAnnotationsMultiline(w, 'Annotations', node.metadata.annotations)
  w.write(0, `CreationTimestamp:\t${rfc1123z(node.metadata.creationTimestamp)}\n`)
  printTaintsMultiline(w, 'Taints', node.spec?.taints)
  w.write(0, `Unschedulable:\t${node.spec?.unschedulable === true}\n`)
  if (lease) {
    w.write(0, 'Lease:\n')
    w.write(1, `HolderIdentity:\t${lease.holderIdentity ?? '<unset>'}\n`)
    w.write(1, `AcquireTime:\t${lease.acquireTime ? rfc1123z(lease.acquireTime) : '<unset>'}\n`)
    w.write(1, `RenewTime:\t${lease.renewTime ? rfc1123z(lease.renewTime) : '<unset>'}\n`)
  }
  if (status.conditions?.length) {
    w.write(0, 'Conditions:\n  Type\tStatus\tLastHeartbeatTime\tLastTransitionTime\tReason\tMessage\n')
    w.write(1, '----\t------\t-----------------\t------------------\t------\t-------\n')
    for (const c of status.conditions)
      w.write(1, `${c.type} \t${c.status} \t${rfc1123z(c.lastHeartbeatTime)} \t${rfc1123z(c.lastTransitionTime)} \t${c.reason ?? ''} \t${c.message ?? ''}\n`)
  }
  w.write(0, 'Addresses:\n')
  for (const a of status.addresses ?? []) w.write(1, `${a.type}:\t${a.address}\n`)
  for (const [title, list] of [['Capacity', status.capacity], ['Allocatable', status.allocatable]] as const) {
    const names = Object.keys(list ?? {}).sort()
    if (names.length === 0) continue
    w.write(0, `${title}:\n`)
    for (const n of names) w.write(0, `  ${n}:\t${quantityString(list![n])}\n`)
  }
  const info = status.nodeInfo ?? {}
  w.write(0, 'System Info:\n')
  for (const [label, key] of [
    ['Machine ID', 'machineID'],
    ['System UUID', 'systemUUID'],
    ['Boot ID', 'bootID'],
    ['Kernel Version', 'kernelVersion'],
    ['OS Image', 'osImage'],
    ['Operating System', 'operatingSystem'],
    ['Architecture', 'architecture'],
    ['Container Runtime Version', 'containerRuntimeVersion'],
    ['Kubelet Version', 'kubeletVersion'],
    ['Kube-Proxy Version', 'kubeProxyVersion'],
  ])
    w.write(0, `  ${label}:\t${info[key] ?? ''}\n`)
  if (node.spec?.podCIDR) w.write(0, `PodCIDR:\t${node.spec.podCIDR}\n`)
  if (node.spec?.podCIDRs?.length) w.write(0, `PodCIDRs:\t${node.spec.podCIDRs.join(',')}\n`)
  const providerID = (node.spec as { providerID?: string } | undefined)?.providerID
  if (providerID) w.write(0, `ProviderID:\t${providerID}\n`)
  describeNodeResource(node, pods, w, p)
  if (events) describeEvents(w, events, p)
  return w.toString()
}

/** A summed quantity that remembers the format of the first term, like `resource.Quantity.Add`. */
interface Sum {
  value: number
  milli: number
  format: QuantityFormat
}

const add = (acc: Map<string, Sum>, name: string, v: unknown) => {
  let q
  try {
    q = parseQuantity(v as string)
  } catch {
    return
  }
  const cur = acc.get(name)
  if (cur) acc.set(name, { value: cur.value + q.value, milli: cur.milli + q.milli, format: cur.format })
  else acc.set(name, { value: q.value, milli: q.milli, format: q.format })
}

/** `resourcehelper.PodRequestsAndLimits`: regular containers summed, then the max with each init container. */
export function podRequestsAndLimits(pod: Pod): { reqs: Map<string, Sum>; limits: Map<string, Sum> } {
  const reqs = new Map<string, Sum>()
  const limits = new Map<string, Sum>()
  for (const c of pod.spec?.containers ?? []) {
    for (const [k, v] of Object.entries(c.resources?.requests ?? {})) add(reqs, k, v)
    for (const [k, v] of Object.entries(c.resources?.limits ?? {})) add(limits, k, v)
  }
  for (const c of pod.spec?.initContainers ?? []) {
    for (const [target, list] of [[reqs, c.resources?.requests], [limits, c.resources?.limits]] as const)
      for (const [k, v] of Object.entries(list ?? {})) {
        const one = new Map<string, Sum>()
        add(one, k, v)
        const q = one.get(k)
        const cur = target.get(k)
        if (q && (!cur || q.milli > cur.milli)) target.set(k, q)
      }
  }
  return { reqs, limits }
}

const str = (s: Sum | undefined) => (s ? formatQuantity(s.value, s.format) : '0')
const pct = (part: number, whole: number) => (whole ? Math.trunc((part / whole) * 100) : 0)

function describeNodeResource(node: Node, pods: Pod[], w: PrefixWriter, p: PrintContext): void {
  const alloc = Object.keys(node.status?.allocatable ?? {}).length ? node.status!.allocatable! : node.status?.capacity ?? {}
  const allocCpu = alloc.cpu ? cpuMillis(alloc.cpu) : 0
  const allocMem = alloc.memory ? memoryBytes(alloc.memory) : 0
  const allocEph = alloc['ephemeral-storage'] ? memoryBytes(alloc['ephemeral-storage']) : 0
  w.write(0, `Non-terminated Pods:\t(${pods.length} in total)\n`)
  w.write(1, 'Namespace\tName\t\tCPU Requests\tCPU Limits\tMemory Requests\tMemory Limits\tAge\n')
  w.write(1, '---------\t----\t\t------------\t----------\t---------------\t-------------\t---\n')
  const totalReq = new Map<string, Sum>()
  const totalLim = new Map<string, Sum>()
  for (const pod of pods) {
    const { reqs, limits } = podRequestsAndLimits(pod)
    const cr = reqs.get('cpu')
    const cl = limits.get('cpu')
    const mr = reqs.get('memory')
    const ml = limits.get('memory')
    w.write(
      1,
      `${pod.metadata.namespace}\t${pod.metadata.name}\t\t${str(cr)} (${pct(cr?.milli ?? 0, allocCpu)}%)\t${str(cl)} (${pct(cl?.milli ?? 0, allocCpu)}%)\t${str(mr)} (${pct(mr?.value ?? 0, allocMem)}%)\t${str(ml)} (${pct(ml?.value ?? 0, allocMem)}%)\t${p.age(pod.metadata.creationTimestamp)}\n`,
    )
    for (const [k, s] of reqs) mergeSum(totalReq, k, s)
    for (const [k, s] of limits) mergeSum(totalLim, k, s)
  }
  w.write(0, 'Allocated resources:\n  (Total limits may be over 100 percent, i.e., overcommitted.)\n')
  w.write(1, 'Resource\tRequests\tLimits\n')
  w.write(1, '--------\t--------\t------\n')
  const row = (name: string, whole: number, useMilli: boolean) => {
    const r = totalReq.get(name)
    const l = totalLim.get(name)
    const v = (s: Sum | undefined) => (useMilli ? s?.milli ?? 0 : s?.value ?? 0)
    w.write(1, `${name}\t${str(r)} (${pct(v(r), whole)}%)\t${str(l)} (${pct(v(l), whole)}%)\n`)
  }
  row('cpu', allocCpu, true)
  row('memory', allocMem, false)
  row('ephemeral-storage', allocEph, false)
  const names = Object.keys(alloc).sort()
  for (const n of names.filter((x) => x.startsWith('hugepages-'))) row(n, memoryBytes(alloc[n]!), false)
  for (const n of names.filter((x) => !['cpu', 'memory', 'ephemeral-storage', 'pods'].includes(x) && !x.startsWith('hugepages-')))
    w.write(1, `${n}\t${str(totalReq.get(n))}\t${str(totalLim.get(n))}\n`)
}

function mergeSum(acc: Map<string, Sum>, k: string, s: Sum): void {
  const cur = acc.get(k)
  acc.set(k, cur ? { value: cur.value + s.value, milli: cur.milli + s.milli, format: cur.format } : { ...s })
}
