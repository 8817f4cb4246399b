import { testContext } from '../testing/context'
import type { ControllerRecord } from '../records'
import type { EngineContext } from '../context'
import type { Etcd } from '../store/etcd'
import type { KEvent, KObject, Pod, ReplicaSet } from '../api/types'

/**
 * Test-only helpers for the controller tests: the shared bare control plane
 * (`testing/context.ts`: no scheduler, no kubelets, no controllers) and small builders.
 * Not imported by engine code.
 */
export type TestContext = EngineContext & { etcd: Etcd }

export function makeContext(seed = 1): TestContext {
  return testContext(seed)
}

export function replicaSet(name: string, replicas: number, extra: { labels?: Record<string, string>; minReadySeconds?: number; namespace?: string } = {}): ReplicaSet {
  const labels = extra.labels ?? { app: name }
  return {
    apiVersion: 'apps/v1',
    kind: 'ReplicaSet',
    metadata: { name, namespace: extra.namespace ?? 'default' },
    spec: {
      replicas,
      minReadySeconds: extra.minReadySeconds,
      selector: { matchLabels: labels },
      template: { metadata: { labels }, spec: { containers: [{ name: 'c', image: 'nginx:1.27' }] } },
    },
  }
}

export function pod(name: string, labels: Record<string, string>, extra: Partial<Pod['metadata']> = {}): Pod {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, namespace: 'default', labels, ...extra },
    spec: { containers: [{ name: 'c', image: 'nginx:1.27' }] },
  }
}

export function listPods(ctx: EngineContext, namespace = 'default'): Pod[] {
  return ctx.api.list('pods', namespace).items as Pod[]
}

export function controllerRecords(ctx: EngineContext, controller: string): ControllerRecord[] {
  return ctx.records.since(0).filter((r): r is ControllerRecord => r.type === 'controller' && r.controller === controller)
}

export function eventsFor(ctx: EngineContext, obj: KObject): string[] {
  return (ctx.api.list('events', obj.metadata.namespace).items as KEvent[])
    .filter((e) => e.involvedObject.uid === obj.metadata.uid)
    .map((e) => `${e.type} ${e.reason} ${e.message}`)
}

/** Set a pod's status (as a kubelet would), keeping everything else. */
export function setPodStatus(ctx: EngineContext, name: string, status: Pod['status'], namespace = 'default'): Pod {
  const cur = ctx.api.get('pods', namespace, name)
  return ctx.api.update('pods', { ...cur, status }, { actor: 'kubelet/test', subresource: 'status' }) as Pod
}

/** A Running, Ready status whose Ready condition turned True at `readySince` (RFC 3339). */
export function readyStatus(readySince: string, restarts = 0): Pod['status'] {
  return {
    phase: 'Running',
    conditions: [{ type: 'Ready', status: 'True', lastTransitionTime: readySince }],
    containerStatuses: [{ name: 'c', image: 'nginx:1.27', ready: true, restartCount: restarts, state: { running: {} } }],
  }
}
