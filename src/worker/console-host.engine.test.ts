import { describe, expect, it } from 'vitest'
import { createCluster } from '../engine/index'
import type { FromWorker, ResultMessage, WatchLinesMessage } from '../protocol'
import { EngineRunner } from './runner'
import { consoleEngine } from './console-engine'

/**
 * The console messages through the runner over the real engine, as the worker runs them:
 * a `get -w` streams kubectl's rows as the cluster changes and stops on `stopWatch`; edit,
 * export and the catalog answer from the engine.
 */
const DEPLOY = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: 2
  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: {app: web}
    spec:
      containers:
      - name: nginx
        image: nginx:1.27
`

function harness() {
  const cluster = createCluster({ seed: 1, nodes: 3 })
  const posted: FromWorker[] = []
  const runner = new EngineRunner({ cluster, post: (m) => posted.push(m), now: () => 0, playing: false, consoleEngine: consoleEngine(cluster) })
  runner.start()
  const result = (id: number) => posted.find((m): m is ResultMessage => m.type === 'result' && m.id === id)!
  const lines = (id: number) => posted.filter((m): m is WatchLinesMessage => m.type === 'watchLines' && m.id === id).map((m) => m.lines).join('')
  return { cluster, runner, posted, result, lines }
}

describe('console messages over the real engine', () => {
  it('get -w streams the rows kubectl would print, until stopWatch', () => {
    const h = harness()
    h.runner.handle({ type: 'kubectl', id: 1, line: 'kubectl get pods -w' })
    expect(h.result(1)).toMatchObject({ code: 0, watching: true })
    h.runner.handle({ type: 'apply', id: 2, yaml: DEPLOY })
    h.runner.handle({ type: 'test', id: 3, op: 'settle' })
    const rows = h.lines(1).trimEnd().split('\n')
    expect(rows[0]).toMatch(/^NAME +READY +STATUS +RESTARTS +AGE$/)
    // One row per change, as kubectl's watch prints them (AGE is the flush's: a settle is one flush).
    expect(rows.some((r) => /^web-[a-z0-9]+-[a-z0-9]{5} +0\/1 +Pending +0 /.test(r))).toBe(true)
    expect(rows.some((r) => /^web-[a-z0-9]+-[a-z0-9]{5} +0\/1 +ContainerCreating +0 /.test(r))).toBe(true)
    expect(rows.some((r) => /^web-[a-z0-9]+-[a-z0-9]{5} +1\/1 +Running +0 /.test(r))).toBe(true)

    h.runner.handle({ type: 'stopWatch', id: 1 })
    const before = h.lines(1)
    h.runner.handle({ type: 'kubectl', id: 4, line: 'scale deployment web --replicas=3' })
    h.runner.handle({ type: 'test', id: 5, op: 'settle' })
    expect(h.lines(1)).toBe(before)
  })

  it('edit answers with the manifest, export with the cluster, catalog with verbs and types', () => {
    const h = harness()
    h.runner.handle({ type: 'apply', id: 1, yaml: DEPLOY })
    h.runner.handle({ type: 'test', id: 2, op: 'settle' })
    h.runner.handle({ type: 'edit', id: 3, args: 'deploy/web' })
    expect(h.result(3)).toMatchObject({ code: 0, command: 'kubectl edit deploy/web' })
    expect(h.result(3).stdout).toContain('apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\n  namespace: default\nspec:\n')
    expect(h.result(3).stdout).not.toMatch(/^status:|resourceVersion:|uid:/m)
    h.runner.handle({ type: 'edit', id: 4, args: 'deploy/nope' })
    expect(h.result(4)).toMatchObject({ code: 1, stderr: 'Error from server (NotFound): deployments.apps "nope" not found\n' })
    h.runner.handle({ type: 'export', id: 5 })
    expect([...h.result(5).stdout.matchAll(/^kind: (\w+)$/gm)].map((m) => m[1])).toEqual(['Deployment'])
    h.runner.handle({ type: 'catalog', id: 6 })
    const cat = h.posted.find((m) => m.type === 'catalog')
    expect(cat?.type === 'catalog' && cat.catalog.resources.map((r) => r.name)).toContain('deployments')
  })

  it('a pod shell line runs through kubectl exec; a node line through the node shell', () => {
    const h = harness()
    h.runner.handle({ type: 'apply', id: 1, yaml: DEPLOY })
    h.runner.handle({ type: 'test', id: 2, op: 'settle' })
    const pod = h.cluster.kubectl('get pods -o name').stdout.split('\n')[0].replace('pod/', '')
    h.runner.handle({ type: 'shell', id: 3, target: { kind: 'pod', namespace: 'default', pod, container: 'nginx' }, line: 'hostname' })
    expect(h.result(3)).toMatchObject({ code: 0, stdout: `${pod}\n`, command: `kubectl exec ${pod} -c nginx -- sh -c hostname` })
    h.runner.handle({ type: 'shell', id: 4, target: { kind: 'node', node: 'node-2' }, line: 'hostname' })
    expect(h.result(4)).toMatchObject({ code: 0, stdout: 'node-2\n', command: 'node-2$ hostname' })
  })
})
