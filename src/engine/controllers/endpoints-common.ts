import type { KObject, Pod } from '../api/types'
import { isPodReady, podReadyCondition } from './pod-utils'

/**
 * What the Endpoints and EndpointSlice controllers share (`k8s.io/endpointslice/util`,
 * `pkg/api/v1/pod`): which pods belong in endpoints, target-port lookup, the hostname rule,
 * which pod changes matter, and the `endpoints.kubernetes.io/last-change-trigger-time`
 * tracker.
 *
 * @example
 *   shouldPodBeInEndpoints(pod, false)   // Running, has an IP, not terminating
 *   findPort(pod, { port: 80, targetPort: 'http', protocol: 'TCP' })  // the named containerPort
 */

export const ANNOTATION_TRIGGER_TIME = 'endpoints.kubernetes.io/last-change-trigger-time'
/** `v1.IsHeadlessService`, set on Endpoints and EndpointSlices of Services without a ClusterIP. */
export const LABEL_HEADLESS = 'service.kubernetes.io/headless'

/**
 * `ShouldPodBeInEndpoints`: not terminal (Succeeded/Failed), has an IP, and — unless
 * terminating pods are wanted — no deletionTimestamp.
 */
export function shouldPodBeInEndpoints(pod: KObject, includeTerminating: boolean): boolean {
  const phase = pod.status?.phase
  if (phase === 'Succeeded' || phase === 'Failed') return false
  if (!pod.status?.podIP && !pod.status?.podIPs?.length) return false
  if (!includeTerminating && pod.metadata.deletionTimestamp) return false
  return true
}

/** `ShouldSetHostname`: spec.hostname set, spec.subdomain equal to the Service name, same namespace. */
export function shouldSetHostname(pod: KObject, svc: KObject): boolean {
  return !!pod.spec?.hostname && pod.spec?.subdomain === svc.metadata.name && svc.metadata.namespace === pod.metadata.namespace
}

/** The pod's IPv4 addresses (`status.podIPs`, falling back to `podIP`). */
export function podIPs(pod: KObject): string[] {
  const ips: string[] = (pod.status?.podIPs ?? []).map((p: { ip: string }) => p.ip).filter(Boolean)
  if (!ips.length && pod.status?.podIP) ips.push(pod.status.podIP)
  return ips
}

/**
 * `findPort`: a numeric targetPort is used as is; a name is looked up in the containers'
 * ports (and restartable init containers'), matching the protocol too. Undefined when none.
 */
export function findPort(pod: KObject, sp: { targetPort?: number | string; protocol?: string; port?: number }): number | undefined {
  const target = sp.targetPort ?? sp.port
  if (typeof target === 'number') return target
  const proto = sp.protocol ?? 'TCP'
  const containers = [
    ...(pod.spec?.containers ?? []),
    ...(pod.spec?.initContainers ?? []).filter((c: { restartPolicy?: string }) => c.restartPolicy === 'Always'),
  ]
  for (const c of containers)
    for (const p of c.ports ?? []) if (p.name === target && (p.protocol ?? 'TCP') === proto) return p.containerPort
  return undefined
}

/** `isServiceIPSet`: a real ClusterIP (not empty, not None). */
export function isServiceIPSet(svc: KObject): boolean {
  const ip = svc.spec?.clusterIP
  return !!ip && ip !== 'None'
}

/**
 * The Service's pod selector, or undefined for "no selector" (nil upstream). An empty map
 * counts as none: etcd's protobuf encoding turns `{}` into nil.
 */
export function serviceSelector(svc: KObject): Record<string, string> | undefined {
  const sel = svc.spec?.selector
  return sel && typeof sel === 'object' && Object.keys(sel).length ? sel : undefined
}

export function selectorMatches(sel: Record<string, string>, labels: Record<string, string> | undefined): boolean {
  for (const k in sel) if (labels?.[k] !== sel[k]) return false
  return true
}

/**
 * `podEndpointsChanged`: [endpoints may change (deletion, readiness, IPs), membership may
 * change (labels, hostname/subdomain)]. Status churn that changes neither is ignored — that is
 * what keeps the controllers' work proportional to what changed.
 */
export function podEndpointsChanged(old: KObject, cur: KObject): [boolean, boolean] {
  const labelsChanged =
    JSON.stringify(old.metadata.labels ?? {}) !== JSON.stringify(cur.metadata.labels ?? {}) ||
    old.spec?.hostname !== cur.spec?.hostname ||
    old.spec?.subdomain !== cur.spec?.subdomain
  if (old.metadata.deletionTimestamp !== cur.metadata.deletionTimestamp) return [true, labelsChanged]
  if (isPodReady(old) !== isPodReady(cur)) return [true, labelsChanged]
  // Terminal phases leave endpoints; the IPs are the endpoint.
  if ((old.status?.phase === 'Succeeded' || old.status?.phase === 'Failed') !== (cur.status?.phase === 'Succeeded' || cur.status?.phase === 'Failed'))
    return [true, labelsChanged]
  if (podIPs(old).join() !== podIPs(cur).join()) return [true, labelsChanged]
  return [false, labelsChanged]
}

/**
 * `TriggerTimeTracker.ComputeEndpointLastChangeTriggerTime`: the earliest trigger (a pod's
 * Ready transition, or the Service's creation) that changed since this Service's last sync; a
 * Service seen for the first time reports its creationTimestamp. In memory, per controller.
 */
export class TriggerTimeTracker {
  private states = new Map<string, { pods: Map<string, number>; service: number }>()

  compute(svc: KObject, pods: Pod[]): string | undefined {
    const key = `${svc.metadata.namespace}/${svc.metadata.name}`
    const state = this.states.get(key)
    let min: number | undefined
    let minText: string | undefined
    const note = (ms: number, text: string) => {
      if (min === undefined || ms < min) [min, minText] = [ms, text]
    }
    const podTimes = new Map<string, number>()
    for (const pod of pods) {
      const text = podReadyCondition(pod)?.lastTransitionTime
      const t = text ? Date.parse(text) : NaN
      if (Number.isNaN(t)) continue
      podTimes.set(pod.metadata.name as string, t)
      if (t > (state?.pods.get(pod.metadata.name as string) ?? -Infinity)) note(t, text as string)
    }
    const created = svc.metadata.creationTimestamp
    const svcTime = created ? Date.parse(created) : NaN
    if (!Number.isNaN(svcTime) && svcTime > (state?.service ?? -Infinity)) note(svcTime, created as string)
    this.states.set(key, { pods: podTimes, service: Number.isNaN(svcTime) ? -Infinity : svcTime })
    return state ? minText : created
  }

  delete(namespace: string | undefined, name: string): void {
    this.states.delete(`${namespace}/${name}`)
  }
}
