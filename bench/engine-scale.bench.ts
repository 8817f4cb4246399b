/**
 * Engine scale benchmarks (run: `npx vitest bench --run bench/engine-scale.bench.ts`).
 * Timing lives here, never in pass/fail tests: the machine is shared and noisy, so read the
 * ratios between rows of one run, not absolute numbers.
 *
 * What they show: the cost of one change (scale a ReplicaSet by one, and the worker-style
 * read of what changed) should not grow with the size of the cluster.
 */
import { bench, describe } from 'vitest'
import { createCluster } from '../src/engine'

function rs(name: string, replicas: number): string {
  return `apiVersion: apps/v1
kind: ReplicaSet
metadata: { name: ${name} }
spec:
  replicas: ${replicas}
  selector: { matchLabels: { app: ${name} } }
  template:
    metadata: { labels: { app: ${name} } }
    spec: { containers: [{ name: c, image: nginx:1.27, resources: { requests: { cpu: 10m, memory: 16Mi } } }] }
`
}

function bigCluster(nodes: number, pods: number) {
  const c = createCluster({ seed: 1, nodes })
  c.kubectl('apply -f -', rs('bulk', pods))
  c.settle(30 * 60_000)
  c.kubectl('apply -f -', rs('probe', 1))
  c.settle()
  return c
}

for (const [nodes, pods] of [
  [3, 30],
  [10, 300],
  [30, 1500],
] as const) {
  describe(`${nodes} nodes, ${pods} pods`, () => {
    const c = bigCluster(nodes, pods)
    let replicas = 1
    bench('one scale step of a 1-pod ReplicaSet, settled, plus reading the diff', () => {
      const rev = c.etcd.revision()
      replicas = replicas === 1 ? 2 : 1
      c.kubectl(`scale rs probe --replicas=${replicas}`)
      c.settle()
      c.changesSince(rev)
    }, { iterations: 20, warmupIterations: 2 })
  })
}
