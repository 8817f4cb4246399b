import { describe, expect, it } from 'vitest'
import { createCluster, type Cluster } from './cluster'
import { faultApi } from './faults'
import type { KEvent, Pod } from './api/types'

/** End to end through `createCluster`: faults change the simulated world and kubectl shows what Kubernetes would. */

const WEB = `apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  containers:
  - name: web
    image: nginx:1.27
    ports:
    - containerPort: 80
    readinessProbe:
      httpGet: {path: /, port: 80}
      periodSeconds: 5
    livenessProbe:
      httpGet: {path: /, port: 80}
      periodSeconds: 5
`

function cluster(): { c: Cluster; f: ReturnType<typeof faultApi> } {
  const c = createCluster({ seed: 7, nodes: 1 })
  expect(c.kubectl('apply -f -', WEB).code).toBe(0)
  c.settle()
  return { c, f: faultApi(c) }
}

/** `get pods` columns of one pod: [NAME, READY, STATUS, RESTARTS…]. */
function row(c: Cluster, name = 'web'): string[] {
  const line = c.kubectl('get pods').stdout.split('\n').find((l) => l.startsWith(name + ' '))
  return (line ?? '').split(/\s{2,}/)
}

const pod = (c: Cluster, name = 'web') => c.api.peek('pods', 'default', name) as Pod
const events = (c: Cluster, name = 'web') => (c.api.list('events', 'default').items as KEvent[]).filter((e) => e.involvedObject.name === name).map((e) => `${e.type} ${e.reason}: ${e.message}`)

describe('faults', () => {
  it('crashContainer: the container dies, is restarted at once, then backs off; RESTARTS shows `N (Xs ago)`', () => {
    const { c, f } = cluster()
    expect(row(c).slice(1, 3)).toEqual(['1/1', 'Running'])
    expect(f.crashContainer('default', 'web', 'web', 2)).toMatchObject({ ok: true })
    c.advance(12_000)
    expect(pod(c).status?.containerStatuses?.[0]).toMatchObject({ restartCount: 1, lastState: { terminated: { exitCode: 2, reason: 'Error' } } })
    expect(row(c).slice(1, 4)).toEqual(['1/1', 'Running', '1 (12s ago)'])
    f.crashContainer('default', 'web', 'web', 1)
    c.advance(3000)
    expect(row(c).slice(1, 4)).toEqual(['0/1', 'CrashLoopBackOff', '1 (3s ago)'])
    c.advance(10_000)
    expect(row(c).slice(1, 3)).toEqual(['1/1', 'Running'])
    expect(f.crashContainer('default', 'web', 'web', 0, { reason: 'OOMKilled' })).toMatchObject({ ok: true })
    c.advance(1000)
    expect(pod(c).status?.containerStatuses?.[0].lastState?.terminated).toMatchObject({ exitCode: 137, reason: 'OOMKilled' })
    expect(c.recordsSince(0).some((r) => r.type === 'controller' && r.controller === 'fault-injector' && r.action === 'CrashContainer')).toBe(true)
  })

  it('setProbeOverride readiness fail: not Ready (0/1, the Ready condition says why), no restart; null: Ready again', () => {
    const { c, f } = cluster()
    expect(f.setProbeOverride('default', 'web', 'web', 'readiness', 'fail')).toMatchObject({ ok: true })
    c.advance(20_000)
    expect(row(c).slice(1, 4)).toEqual(['0/1', 'Running', '0'])
    expect(pod(c).status?.conditions?.find((x) => x.type === 'Ready')).toMatchObject({ status: 'False', reason: 'ContainersNotReady', message: 'containers with unready status: [web]' })
    expect(events(c)).toContain('Warning Unhealthy: Readiness probe failed: HTTP probe failed with statuscode: 500')
    f.setProbeOverride('default', 'web', 'web', 'readiness', null)
    c.advance(10_000)
    expect(row(c).slice(1, 3)).toEqual(['1/1', 'Running'])
  })

  it('setProbeOverride liveness fail: killed and restarted, with the kubelet’s texts', () => {
    const { c, f } = cluster()
    f.setProbeOverride('default', 'web', 'web', 'liveness', 'fail')
    c.advance(20_000)
    expect(events(c)).toContain('Normal Killing: Container web failed liveness probe, will be restarted')
    expect(pod(c).status?.containerStatuses?.[0]).toMatchObject({ restartCount: 1, lastState: { terminated: { exitCode: 143 } } })
  })

  it('rejects what does not exist, without throwing', () => {
    const { f } = cluster()
    expect(f.crashContainer('default', 'nope', 'web')).toEqual({ ok: false, error: 'pods "nope" not found' })
    expect(f.crashContainer('default', 'web', 'sidecar')).toEqual({ ok: false, error: 'container "sidecar" not found in pod "web"' })
    expect(f.setProbeOverride('default', 'web', 'web', 'startup', 'fail')).toEqual({ ok: false, error: 'container "web" has no startupProbe' })
    expect(f.stopKubelet('node-9')).toEqual({ ok: false, error: 'nodes "node-9" not found' })
    expect(f.slowImagePulls('node-1', 0)).toMatchObject({ ok: false })
  })

  it('slowImagePulls: pulls on the node take that many times as long', () => {
    const { c, f } = cluster()
    f.slowImagePulls('node-1', 10)
    c.kubectl('apply -f -', 'apiVersion: v1\nkind: Pod\nmetadata: {name: slow}\nspec:\n  containers: [{name: httpd, image: "httpd:2.4"}]\n')
    c.settle()
    const pulled = events(c, 'slow').find((e) => e.startsWith('Normal Pulled'))!
    const secs = Number(/in ([\d.]+)s/.exec(pulled)![1])
    expect(secs).toBeGreaterThan(15) // ≈ 2.3 s normally
  })

  it('stopKubelet: after the grace period the node is NotReady/Unknown and its pods not Ready; kubectl still prints Running', () => {
    const { c, f } = cluster()
    expect(f.stopKubelet('node-1')).toMatchObject({ ok: true })
    c.advance(70_000)
    expect(c.kubectl('get nodes').stdout).toMatch(/node-1\s+NotReady/)
    const ready = (c.api.peek('nodes', undefined, 'node-1') as unknown as { status: { conditions: { type: string; status: string; reason: string }[] } }).status.conditions.find((x) => x.type === 'Ready')
    expect(ready).toMatchObject({ status: 'Unknown', reason: 'NodeStatusUnknown' })
    expect(pod(c).status?.conditions?.find((x) => x.type === 'Ready')?.status).toBe('False')
    // Current Kubernetes no longer sets the old `NodeLost` reason, so STATUS is not `Unknown`.
    expect(row(c)[2]).toBe('Running')
    expect(f.startKubelet('node-1')).toMatchObject({ ok: true })
    c.advance(15_000)
    expect(c.kubectl('get nodes').stdout).toMatch(/node-1\s+Ready/)
    expect(pod(c).status?.conditions?.find((x) => x.type === 'Ready')?.status).toBe('True')
    expect(pod(c).status?.containerStatuses?.[0].restartCount).toBe(0)
  })
})
