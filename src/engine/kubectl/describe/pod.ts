import type { KEvent, Pod } from '../../api/types'
import { qosClass } from '../../api/qos'
import { rfc1123z } from '../duration'
import type { PrintContext } from '../printers/table'
import { describeContainers } from './containers'
import { describeVolumes } from './volumes'
import { controlledBy, describeEvents, printAnnotationsMultiline, printLabelsMultiline, printTolerationsMultiline, PrefixWriter } from './writer'

/** `describePod` (kubectl `pkg/describe/describe.go`). `events` undefined: no Events section. */
export function describePod(pod: Pod, events: KEvent[] | undefined, p: PrintContext): string {
  const w = new PrefixWriter()
  const spec = pod.spec ?? { containers: [] }
  const status = pod.status ?? {}
  w.write(0, `Name:\t${pod.metadata.name ?? ''}\n`)
  w.write(0, `Namespace:\t${pod.metadata.namespace ?? ''}\n`)
  if (spec.priority !== undefined && spec.priority !== null) w.write(0, `Priority:\t${spec.priority}\n`)
  if (spec.priorityClassName) w.write(0, `Priority Class Name:\t${spec.priorityClassName}\n`)
  if (spec.runtimeClassName) w.write(0, `Runtime Class Name:\t${spec.runtimeClassName}\n`)
  if (spec.serviceAccountName) w.write(0, `Service Account:\t${spec.serviceAccountName}\n`)
  w.write(0, spec.nodeName ? `Node:\t${spec.nodeName}/${status.hostIP ?? ''}\n` : 'Node:\t<none>\n')
  if (status.startTime) w.write(0, `Start Time:\t${rfc1123z(status.startTime)}\n`)
  printLabelsMultiline(w, 'Labels', pod.metadata.labels)
  printAnnotationsMultiline(w, 'Annotations', pod.metadata.annotations)
  if (pod.metadata.deletionTimestamp && status.phase !== 'Failed' && status.phase !== 'Succeeded') {
    // The deletion timestamp lies in the future, so this reads "<invalid>" while the grace period runs — as in kubectl.
    w.write(0, `Status:\tTerminating (lasts ${p.age(pod.metadata.deletionTimestamp)})\n`)
    w.write(0, `Termination Grace Period:\t${pod.metadata.deletionGracePeriodSeconds ?? 0}s\n`)
  } else w.write(0, `Status:\t${status.phase ?? ''}\n`)
  if (status.reason) w.write(0, `Reason:\t${status.reason}\n`)
  if (status.message) w.write(0, `Message:\t${status.message}\n`)
  const seccomp = spec.securityContext?.seccompProfile
  if (seccomp) {
    w.write(0, `SeccompProfile:\t${seccomp.type}\n`)
    if (seccomp.type === 'Localhost') w.write(0, `LocalhostProfile:\t${seccomp.localhostProfile ?? ''}\n`)
  }
  w.write(0, `IP:\t${status.podIP ?? ''}\n`)
  if (!status.podIPs?.length) w.write(0, 'IPs:\t<none>\n')
  else {
    w.write(0, 'IPs:\n')
    for (const ip of status.podIPs) w.write(1, `IP:\t${ip.ip}\n`)
  }
  const owner = controlledBy(pod)
  if (owner) w.write(0, `Controlled By:\t${owner}\n`)
  const nominated = (status as { nominatedNodeName?: string }).nominatedNodeName
  if (nominated) w.write(0, `NominatedNodeName:\t${nominated}\n`)
  if (spec.initContainers?.length) describeContainers('Init Containers', spec.initContainers, status.initContainerStatuses ?? [], w, '')
  describeContainers('Containers', spec.containers, status.containerStatuses ?? [], w, '')
  const gates: { conditionType: string }[] = spec.readinessGates ?? []
  if (gates.length) {
    w.write(0, 'Readiness Gates:\n  Type\tStatus\n')
    for (const g of gates) {
      const c = (status.conditions ?? []).find((x) => x.type === g.conditionType)
      w.write(1, `${g.conditionType} \t${c ? c.status : '<none>'} \n`)
    }
  }
  if (status.conditions?.length) {
    w.write(0, 'Conditions:\n  Type\tStatus\n')
    for (const c of status.conditions) w.write(1, `${c.type} \t${c.status} \n`)
  }
  describeVolumes(spec.volumes, w, '')
  w.write(0, `QoS Class:\t${status.qosClass || qosClass(spec)}\n`)
  printLabelsMultiline(w, 'Node-Selectors', spec.nodeSelector)
  printTolerationsMultiline(w, 'Tolerations', spec.tolerations)
  describeTopologySpread(spec.topologySpreadConstraints, w, '')
  if (events) describeEvents(w, events, p)
  return w.toString()
}

interface Tsc {
  topologyKey: string
  whenUnsatisfiable: string
  maxSkew: number
  labelSelector?: unknown
}

export function describeTopologySpread(tscs: Tsc[] | undefined, w: PrefixWriter, space: string): void {
  if (!tscs?.length) return
  const sorted = [...tscs].sort((a, b) => (a.topologyKey < b.topologyKey ? -1 : a.topologyKey > b.topologyKey ? 1 : 0))
  w.write(0, `${space}Topology Spread Constraints:\t`)
  sorted.forEach((t, i) => {
    if (i !== 0) w.write(0, `${space}\t`)
    w.write(0, `${t.topologyKey}:${t.whenUnsatisfiable} when max skew ${t.maxSkew} is exceeded\n`)
  })
}
