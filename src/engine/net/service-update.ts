import type { KObject } from '../api/types'
import { externallyAccessible, needsHealthCheck } from '../api/kinds/service-validation'

/**
 * The Service registry's update-time fix-ups, run before allocation (`storage/storage.go`
 * beginUpdate and the strategy's PrepareForUpdate): keep what a resubmitted manifest left
 * out, keep clusterIP/clusterIPs in sync, and drop what a type change made meaningless.
 */

export const needsNodePort = (svc: KObject | undefined) => svc?.spec?.type === 'NodePort' || svc?.spec?.type === 'LoadBalancer'
export const needsClusterIP = (svc: KObject | undefined) => !!svc && svc.spec?.type !== 'ExternalName'
export const sameList = (a: unknown[] | undefined, b: unknown[] | undefined) => JSON.stringify(a ?? []) === JSON.stringify(b ?? [])
/** `collectServiceNodePorts`. */
export function nodePortsOf(svc: KObject | undefined): number[] {
  return (svc?.spec?.ports ?? []).map((p: { nodePort?: number }) => p?.nodePort).filter((n: unknown): n is number => typeof n === 'number' && n !== 0)
}

/**
 * `patchAllocatedValues`: a client that resubmits its original YAML (no clusterIP, no
 * nodePorts) keeps what was allocated — so `kubectl replace` of the same file succeeds.
 */
export function patchAllocatedValues(svc: KObject, old: KObject): void {
  const spec = svc.spec
  if (needsClusterIP(old) && needsClusterIP(svc)) {
    if (!spec.clusterIP) spec.clusterIP = old.spec?.clusterIP
    if (!spec.clusterIPs?.length && old.spec?.clusterIPs?.length) spec.clusterIPs = [...old.spec.clusterIPs]
    if (!spec.clusterIP) delete spec.clusterIP
  }
  if (needsNodePort(old) && needsNodePort(svc)) {
    const oldPorts = new Set(nodePortsOf(old))
    const used = new Set(nodePortsOf(svc).filter((p) => oldPorts.has(p)))
    const byName = new Map<string, number>()
    for (const p of old.spec?.ports ?? []) byName.set(p.name ?? '', p.nodePort ?? 0)
    for (const p of spec.ports ?? []) {
      if (p.nodePort) continue
      const v = byName.get(p.name ?? '') ?? 0
      if (v && !used.has(v)) p.nodePort = v
    }
  }
  if (needsHealthCheck(old) && needsHealthCheck(svc) && !spec.healthCheckNodePort) spec.healthCheckNodePort = old.spec.healthCheckNodePort
}

/** `normalizeClusterIPs` on update: keep clusterIP and clusterIPs in sync for clients that set only one. */
export function normalizeClusterIPs(svc: KObject, old: KObject): void {
  const spec = svc.spec
  const was = old.spec ?? {}
  if (was.clusterIPs?.length && !spec.clusterIPs?.length && (was.clusterIP ?? '') === (spec.clusterIP ?? '')) spec.clusterIPs = [...was.clusterIPs]
  if ((was.clusterIP ?? '') !== (spec.clusterIP ?? '')) {
    if (was.clusterIP && !spec.clusterIP) {
      if (sameList(was.clusterIPs, spec.clusterIPs)) delete spec.clusterIPs
    } else if (sameList(was.clusterIPs, spec.clusterIPs)) spec.clusterIPs = [spec.clusterIP]
  }
}

/**
 * `dropTypeDependentFields` (strategy PrepareForUpdate): on a type change, clear what the old
 * type had allocated or defaulted — unless the user changed it in the same request.
 */
export function dropTypeDependentFields(svc: KObject, old: KObject): void {
  const spec = svc.spec
  const was = old.spec ?? {}
  if (needsClusterIP(old) && !needsClusterIP(svc)) {
    if (sameList(was.clusterIPs, spec.clusterIPs) && (was.clusterIP ?? '') === (spec.clusterIP ?? '')) {
      delete spec.clusterIP
      delete spec.clusterIPs
    }
    if (sameList(was.ipFamilies, spec.ipFamilies)) delete spec.ipFamilies
    if ((was.ipFamilyPolicy ?? null) === (spec.ipFamilyPolicy ?? null)) delete spec.ipFamilyPolicy
  }
  if (needsNodePort(old) && !needsNodePort(svc) && sameList(nodePortsOf(old), nodePortsOf(svc)))
    for (const p of spec.ports ?? []) delete p.nodePort
  if (was.type === 'LoadBalancer' && spec.type !== 'LoadBalancer') {
    if (spec.allocateLoadBalancerNodePorts != null && spec.allocateLoadBalancerNodePorts === was.allocateLoadBalancerNodePorts)
      delete spec.allocateLoadBalancerNodePorts
    if ((spec.loadBalancerClass ?? null) === (was.loadBalancerClass ?? null)) delete spec.loadBalancerClass
  }
  if (needsHealthCheck(old) && !needsHealthCheck(svc) && spec.healthCheckNodePort === was.healthCheckNodePort) delete spec.healthCheckNodePort
  if (externallyAccessible(old) && !externallyAccessible(svc) && spec.externalTrafficPolicy === was.externalTrafficPolicy) delete spec.externalTrafficPolicy
  // LB de-provisioning is asynchronous upstream too, but the status is cleared at once.
  if (spec.type !== 'LoadBalancer') svc.status = { ...(svc.status ?? {}), loadBalancer: {} }
}
