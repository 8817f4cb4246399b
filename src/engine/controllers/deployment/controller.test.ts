import { describe, expect, it } from 'vitest'
import type { KEvent, Pod, ReplicaSet } from '../../api/types'
import { deploymentKind, type Deployment } from '../../api/kinds/deployment'
import { ReplicaSetController } from '../replicaset'
import { listPods, makeContext, readyStatus, setPodStatus, type TestContext } from '../test-harness'
import { DeploymentController } from './controller'
import { rolloutStatus } from './rollout-status'
import { computeHash } from './hash'

/**
 * Integration: the DeploymentController and the ReplicaSetController on a bare control plane.
 * No scheduler and no kubelet run here, so the test plays the kubelet: it marks pods Running
 * and Ready by writing their status directly — only once the controllers have settled, so
 * each wave of readiness is one step of the rollout.
 */
function setup(): { ctx: TestContext; dc: DeploymentController } {
  const ctx = makeContext()
  ctx.api.registry.register(deploymentKind)
  const rsc = new ReplicaSetController(ctx)
  const dc = new DeploymentController(ctx)
  rsc.start()
  dc.start()
  return { ctx, dc }
}

function web(image: string, replicas: number, strategy?: Deployment['spec']['strategy']): Deployment {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'web', namespace: 'default' },
    spec: {
      replicas,
      selector: { matchLabels: { app: 'web' } },
      template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'nginx', image }] } },
      ...(strategy ? { strategy } : {}),
    },
  }
}

const get = (ctx: TestContext) => ctx.api.get('deployments', 'default', 'web') as Deployment

/** The kubelet's part: every live pod that is not Ready becomes Running and Ready now. */
function readyAll(ctx: TestContext): number {
  let n = 0
  for (const p of listPods(ctx)) {
    if (p.metadata.deletionTimestamp || p.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True')) continue
    setPodStatus(ctx, p.metadata.name as string, readyStatus(ctx.clock.timestamp()))
    n++
  }
  return n
}

function rollOut(ctx: TestContext): void {
  for (let i = 0; i < 20; i++) {
    ctx.clock.settle(60_000)
    if (readyAll(ctx) === 0 && 'done' in rolloutStatus(get(ctx)) && (rolloutStatus(get(ctx)) as { done: boolean }).done) return
  }
  throw new Error(`rollout did not finish: ${JSON.stringify(rolloutStatus(get(ctx)))}`)
}

function scalingEvents(ctx: TestContext, d: Deployment): string[] {
  return (ctx.api.list('events', 'default').items as KEvent[])
    .filter((e) => e.involvedObject.uid === d.metadata.uid && e.reason === 'ScalingReplicaSet')
    .sort((a, b) => (a.metadata.name! < b.metadata.name! ? -1 : 1))
    .map((e) => e.message)
}

describe('DeploymentController with the ReplicaSetController', () => {
  it('rolls a Deployment of 4 from nginx:1.26 to nginx:1.27 in the REFERENCE 5.3 steps', () => {
    const { ctx } = setup()
    ctx.api.create('deployments', web('nginx:1.26', 4), { actor: 'kubectl' })
    rollOut(ctx)
    const v1 = get(ctx)
    const h1 = computeHash(v1.spec.template)
    expect(v1.metadata.annotations?.['deployment.kubernetes.io/revision']).toBe('1')
    expect(v1.status).toMatchObject({ observedGeneration: 1, replicas: 4, updatedReplicas: 4, readyReplicas: 4, availableReplicas: 4 })

    const next = structuredClone(v1)
    next.spec.template.spec.containers[0].image = 'nginx:1.27'
    ctx.api.update('deployments', next, { actor: 'kubectl' })
    rollOut(ctx)
    const v2 = get(ctx)
    const h2 = computeHash(v2.spec.template)
    expect(scalingEvents(ctx, v2)).toEqual([
      `Scaled up replica set web-${h1} from 0 to 4`,
      `Scaled up replica set web-${h2} from 0 to 1`,
      `Scaled down replica set web-${h1} from 4 to 3`,
      `Scaled up replica set web-${h2} from 1 to 2`,
      `Scaled down replica set web-${h1} from 3 to 1`,
      `Scaled up replica set web-${h2} from 2 to 4`,
      `Scaled down replica set web-${h1} from 1 to 0`,
    ])
    expect(v2.metadata.annotations?.['deployment.kubernetes.io/revision']).toBe('2')
    expect(v2.status?.conditions?.map((c) => [c.type, c.status, c.reason])).toEqual([
      ['Available', 'True', 'MinimumReplicasAvailable'],
      ['Progressing', 'True', 'NewReplicaSetAvailable'],
    ])
    expect(v2.status?.conditions?.[1].message).toBe(`ReplicaSet "web-${h2}" has successfully progressed.`)
    const pods = listPods(ctx)
    expect(pods.map((p) => p.spec.containers[0].image)).toEqual(Array(4).fill('nginx:1.27'))
    expect(pods.every((p) => p.metadata.labels?.['pod-template-hash'] === h2)).toBe(true)
    const rss = ctx.api.list('replicasets', 'default').items as ReplicaSet[]
    const byRevision = (a: unknown[], b: unknown[]) => String(a[2]).localeCompare(String(b[2]))
    expect(rss.map((rs) => [rs.metadata.name, rs.spec.replicas, rs.metadata.annotations?.['deployment.kubernetes.io/revision']]).sort(byRevision)).toEqual([
      [`web-${h1}`, 0, '1'],
      [`web-${h2}`, 4, '2'],
    ])
    // The UI's live readout.
    const records = ctx.records.since(0).filter((r) => r.type === 'controller' && r.controller === 'deployment-controller')
    expect(records.some((r) => r.type === 'controller' && r.detail === 'desired 4, maxSurge 25% → 1, maxUnavailable 25% → 1: at most 5 pods, at least 3 available')).toBe(true)
  })

  it('Recreate: the new ReplicaSet waits until the old pods are really gone', () => {
    const { ctx } = setup()
    ctx.api.create('deployments', web('nginx:1.26', 2, { type: 'Recreate' }), { actor: 'kubectl' })
    rollOut(ctx)
    const h1 = computeHash(get(ctx).spec.template)
    // Bind the pods to a node so that deleting them is graceful, as on a real node.
    for (const p of listPods(ctx)) ctx.api.bind('default', p.metadata.name as string, 'node-1', { actor: 'test' })
    const next = structuredClone(get(ctx))
    next.spec.template.spec.containers[0].image = 'nginx:1.27'
    ctx.api.update('deployments', next, { actor: 'kubectl' })
    ctx.clock.settle(60_000)
    const terminating = listPods(ctx)
    expect(terminating.length).toBe(2)
    expect(terminating.every((p) => p.metadata.deletionTimestamp)).toBe(true)
    expect((ctx.api.list('replicasets', 'default').items as ReplicaSet[]).length).toBe(1)
    // The kubelet confirms the first pod's death: one old pod still stands in the way.
    ctx.api.delete('pods', 'default', terminating[0].metadata.name as string, { actor: 'kubelet/node-1', gracePeriodSeconds: 0 })
    ctx.clock.settle(60_000)
    expect((ctx.api.list('replicasets', 'default').items as ReplicaSet[]).length).toBe(1)
    ctx.api.delete('pods', 'default', terminating[1].metadata.name as string, { actor: 'kubelet/node-1', gracePeriodSeconds: 0 })
    ctx.clock.settle(60_000)
    const h2 = computeHash(get(ctx).spec.template)
    expect(scalingEvents(ctx, get(ctx)).slice(-2)).toEqual([
      `Scaled down replica set web-${h1} from 2 to 0`,
      `Scaled up replica set web-${h2} from 0 to 2`,
    ])
    expect(listPods(ctx).map((p: Pod) => p.spec.containers[0].image)).toEqual(['nginx:1.27', 'nginx:1.27'])
  })

  it('times out a stuck rollout at progressDeadlineSeconds on the virtual clock', () => {
    const { ctx } = setup()
    const d = web('nginx:1.26', 1)
    d.spec.progressDeadlineSeconds = 60
    ctx.api.create('deployments', d, { actor: 'kubectl' })
    ctx.clock.settle(10_000)
    // Nobody makes the pod ready: no progress. The requeue is background work, so advance.
    ctx.clock.advance(30_000)
    expect(rolloutStatus(get(ctx))).toMatchObject({ done: false })
    ctx.clock.advance(40_000)
    expect(rolloutStatus(get(ctx))).toEqual({ error: 'deployment "web" exceeded its progress deadline' })
    const cond = get(ctx).status?.conditions?.find((c) => c.type === 'Progressing')
    expect(cond).toMatchObject({ status: 'False', reason: 'ProgressDeadlineExceeded' })
    expect(cond?.message).toMatch(/^ReplicaSet "web-[4-9bcdf]+" has timed out progressing\.$/)
  })
})
