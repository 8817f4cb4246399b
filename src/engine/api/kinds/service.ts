import type { KindDef } from './kind'
import type { KObject } from '../types'
import { ServiceAllocators } from '../../net/service-alloc'
import { externallyAccessible, validateService, validateServiceUpdate } from './service-validation'

/**
 * core/v1 Service: Kubernetes' defaults (`SetDefaults_Service`, REFERENCE 1.4), validation
 * (`service-validation.ts`) and the registry's ClusterIP/NodePort allocation
 * (`net/service-alloc.ts`).
 *
 * Each cluster needs its own allocators, so this is a factory: the registry calls it once per
 * API server. The allocators are rebuilt from the stored Services on first use, which is what
 * makes a restored snapshot allocate consistently.
 *
 * @example
 *   registry.register(newServiceKind())
 *   api.create('services', { apiVersion: 'v1', kind: 'Service', metadata: { name: 'web' },
 *     spec: { selector: { app: 'web' }, ports: [{ port: 80, targetPort: 8080 }] } })
 *   // → spec.clusterIP '10.x.y.z', type ClusterIP, sessionAffinity None, ports[0].protocol TCP
 */
export function newServiceKind(allocators = new ServiceAllocators()): KindDef & { allocators: ServiceAllocators } {
  let built = false
  const ensureBuilt = (list: (r: string) => KObject[]) => {
    if (built) return
    allocators.rebuild(list('services'))
    built = true
  }
  return {
    kind: 'Service',
    apiVersion: 'v1',
    group: '',
    resource: 'services',
    singular: 'service',
    shortNames: ['svc'],
    categories: ['all'],
    namespaced: true,
    hasStatus: true,
    allocators,
    default(obj) {
      defaultService(obj)
    },
    validate(obj) {
      return validateService(obj)
    },
    validateUpdate(obj, old) {
      return validateServiceUpdate(obj, old)
    },
    allocate(obj, old, env) {
      ensureBuilt(env.list)
      return old ? allocators.allocateUpdate(obj, old, env.rng, env.dryRun) : allocators.allocateCreate(obj, env.rng, env.dryRun)
    },
    release(obj, env) {
      ensureBuilt(env.list)
      allocators.release(obj)
    },
  }
}

/** `SetDefaults_Service` (`pkg/apis/core/v1/defaults.go`). Mutates `svc`. */
export function defaultService(svc: KObject): void {
  const spec = (svc.spec ??= {})
  if (!spec.sessionAffinity) spec.sessionAffinity = 'None'
  if (spec.sessionAffinity === 'None') delete spec.sessionAffinityConfig
  if (spec.sessionAffinity === 'ClientIP' && spec.sessionAffinityConfig?.clientIP?.timeoutSeconds == null)
    spec.sessionAffinityConfig = { clientIP: { timeoutSeconds: 10800 } }
  if (!spec.type) spec.type = 'ClusterIP'
  if (Array.isArray(spec.ports))
    for (const sp of spec.ports) {
      if (!sp || typeof sp !== 'object') continue
      if (!sp.protocol) sp.protocol = 'TCP'
      // intstr zero values: 0 and "" (and an absent field) mean "the same as port".
      if (sp.targetPort === undefined || sp.targetPort === null || sp.targetPort === 0 || sp.targetPort === '') sp.targetPort = sp.port
    }
  if (externallyAccessible(svc) && !spec.externalTrafficPolicy) spec.externalTrafficPolicy = 'Cluster'
  if (spec.internalTrafficPolicy == null && (spec.type === 'NodePort' || spec.type === 'LoadBalancer' || spec.type === 'ClusterIP'))
    spec.internalTrafficPolicy = 'Cluster'
  if (spec.type === 'LoadBalancer') {
    spec.allocateLoadBalancerNodePorts ??= true
    // LoadBalancerIPMode (GA): an ingress IP without ipMode is a VIP.
    for (const ing of svc.status?.loadBalancer?.ingress ?? []) if (ing?.ip && !ing.ipMode) ing.ipMode = 'VIP'
  }
}
