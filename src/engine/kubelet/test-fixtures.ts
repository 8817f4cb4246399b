import type { EngineContext } from '../context'
import type { KEvent, Pod } from '../api/types'
import type { NodeConfig } from './kubelet'

/** Test fixtures for kubelet and node-lifecycle tests (with `testing/context.ts`'s bare control plane). */
export { testContext } from '../testing/context'

export function nodeConfig(i: number): NodeConfig {
  return { name: `node-${i}`, ip: `172.18.0.${i + 1}`, podCIDR: `10.244.${i}.0/24`, cpu: '4', memory: '8Gi', pods: '110' }
}

/** A pod already bound to a node (as if the scheduler had run). */
export function boundPod(name: string, node: string, containers: Pod['spec']['containers'], extra: Partial<Pod['spec']> = {}): Pod {
  return { apiVersion: 'v1', kind: 'Pod', metadata: { name, namespace: 'default' }, spec: { nodeName: node, containers, ...extra } }
}

/** `<type> <reason>: <message>` of the events about an object, oldest first. */
export function eventsFor(ctx: EngineContext, name: string, kind = 'Pod'): string[] {
  return (ctx.api.list('events').items as KEvent[])
    .filter((e) => e.involvedObject.name === name && e.involvedObject.kind === kind)
    .sort((a, b) => Number(a.metadata.resourceVersion) - Number(b.metadata.resourceVersion))
    .map((e) => `${e.type} ${e.reason}: ${e.message}`)
}

export function getPod(ctx: EngineContext, name: string): Pod | undefined {
  return ctx.api.peek('pods', 'default', name) as Pod | undefined
}
