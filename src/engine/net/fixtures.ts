import { testContext } from '../testing/context'
import type { EngineContext } from '../context'
import type { KObject, Pod } from '../api/types'
import { newServiceKind } from '../api/kinds/service'
import { endpointsKind } from '../api/kinds/endpoints'
import { endpointSliceKind } from '../api/kinds/endpointslice'

/**
 * Test-only builders for the Services work (not imported by engine code): a bare control
 * plane with the Service, Endpoints and EndpointSlice kinds registered, and pods in the
 * states the endpoint controllers care about.
 */
export function servicesContext(seed = 1) {
  const ctx = testContext(seed)
  const services = newServiceKind()
  for (const def of [services, endpointsKind, endpointSliceKind]) ctx.api.registry.register(def)
  return { ...ctx, services }
}

export function service(name: string, spec: Record<string, unknown> = {}, meta: Partial<KObject['metadata']> = {}): KObject {
  return {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name, namespace: 'default', ...meta },
    spec: { selector: { app: name }, ports: [{ port: 80, targetPort: 8080 }], ...spec },
  }
}

export function node(ctx: EngineContext, name: string, zone?: string): KObject {
  return ctx.api.create('nodes', { apiVersion: 'v1', kind: 'Node', metadata: { name, labels: zone ? { 'topology.kubernetes.io/zone': zone } : {} }, spec: {} })
}

export interface PodState {
  ip?: string
  ready?: boolean
  node?: string
  phase?: string
  labels?: Record<string, string>
  readySince?: string
  spec?: Record<string, unknown>
}

/** A pod as a kubelet would have reported it: bound, with an IP and a Ready condition. */
export function runningPod(ctx: EngineContext, name: string, s: PodState = {}): Pod {
  const p = ctx.api.create('pods', {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, namespace: 'default', labels: s.labels ?? { app: 'web' } },
    spec: { nodeName: s.node ?? 'node-1', containers: [{ name: 'c', image: 'nginx', ports: [{ name: 'http', containerPort: 8080 }] }], ...(s.spec ?? {}) },
  })
  return setPod(ctx, p.metadata.name as string, s)
}

/** Rewrite a pod's status (phase, IP, readiness). */
export function setPod(ctx: EngineContext, name: string, s: PodState): Pod {
  const cur = ctx.api.get('pods', 'default', name)
  const ready = s.ready ?? true
  const status = {
    ...cur.status,
    phase: s.phase ?? 'Running',
    ...(s.ip !== undefined ? { podIP: s.ip, podIPs: [{ ip: s.ip }] } : cur.status?.podIP ? {} : {}),
    conditions: [{ type: 'Ready', status: ready ? 'True' : 'False', lastTransitionTime: s.readySince ?? ctx.clock.timestamp() }],
  }
  return ctx.api.update('pods', { ...cur, status }, { subresource: 'status', actor: 'kubelet/test' }) as Pod
}

export function list(ctx: EngineContext, resource: string, namespace = 'default'): KObject[] {
  return ctx.api.list(resource, namespace).items
}
