import { createCluster, type Cluster } from '../../cluster'
import type { Component } from '../../context'
import type { ProxyMode } from '../../proxy/cost'
import { KubeProxy } from '../../proxy/kube-proxy'
import { Dataplane } from './dataplane'
import type { TraceRequest, TraceResult } from './tracer'

/**
 * Test-only: a whole cluster with kube-proxy on every node and the data plane attached, for
 * integration tests of the tracer and the shells (not imported by engine code). If the cluster
 * already wires kube-proxies (`cluster.proxies`), those are used; otherwise this attaches them,
 * as cluster.ts will.
 *
 * @example
 *   const t = proxyCluster({ mode: 'ipvs' })
 *   t.apply(webYaml)
 *   t.trace({ from: 'pod', namespace: 'default', pod: 'client', url: 'http://web' }).response.body
 */
export interface ProxyTestCluster {
  c: Cluster
  proxies: Map<string, KubeProxy>
  dp: Dataplane
  apply(yaml: string): void
  trace(req: TraceRequest): TraceResult
  setMode(mode: ProxyMode): void
}

export function proxyCluster(opts: { seed?: number; nodes?: number; mode?: ProxyMode } = {}): ProxyTestCluster {
  const mode = opts.mode ?? 'iptables'
  const c = createCluster({ seed: opts.seed ?? 1, nodes: opts.nodes ?? 3, proxyMode: mode })
  const wired = (c as unknown as { proxies?: Map<string, KubeProxy> }).proxies
  const proxies = wired ?? new Map<string, KubeProxy>()
  if (!wired)
    for (const [name, k] of c.kubelets) {
      const kp = new KubeProxy(c.ctx, { nodeName: name, nodeIP: k.cfg.ip, podCIDR: k.cfg.podCIDR, mode })
      proxies.set(name, kp)
      kp.start()
    }
  const dp = (c as unknown as { dataplane?: Dataplane }).dataplane ?? new Dataplane({ ctx: c.ctx, kubelets: c.kubelets, proxies })
  ;(dp as Component).start()
  c.settle(60_000)
  return {
    c, proxies, dp,
    apply(yaml: string) {
      const r = c.kubectl('apply -f -', yaml)
      if (r.code !== 0) throw new Error(r.stderr)
      c.settle(120_000)
    },
    trace: (req) => dp.trace(req),
    setMode(m: ProxyMode) {
      for (const kp of proxies.values()) kp.setMode(m)
      c.settle(60_000)
    },
  }
}

/** A pod pinned to a node (no scheduler involved), serving on `port`. */
export function podYaml(name: string, node: string, labels: Record<string, string>, opts: { image?: string; port?: number; command?: string[] } = {}): string {
  const lbl = Object.entries(labels).map(([k, v]) => `    ${k}: ${v}`).join('\n')
  const ports = opts.port ? `\n    ports:\n    - containerPort: ${opts.port}` : ''
  const cmd = opts.command ? `\n    command: [${opts.command.map((c) => JSON.stringify(c)).join(', ')}]` : ''
  return `apiVersion: v1
kind: Pod
metadata:
  name: ${name}
  labels:
${lbl}
spec:
  nodeName: ${node}
  containers:
  - name: c
    image: ${opts.image ?? 'registry.k8s.io/e2e-test-images/agnhost:2.53'}${cmd}${ports}
`
}

/** A Service selecting `app=<name>` (ports 80 → targetPort). */
export function serviceYaml(name: string, spec: Record<string, unknown> = {}, targetPort = 8080): string {
  const extra = Object.entries(spec).map(([k, v]) => `  ${k}: ${JSON.stringify(v)}`).join('\n')
  return `apiVersion: v1
kind: Service
metadata:
  name: ${name}
spec:
  selector:
    app: ${name}
  ports:
  - port: 80
    targetPort: ${targetPort}
${extra}
`
}

/** web-1 on node-1, web-2 on node-2 (agnhost on 8080), a client pod on node-3, and Service `web`. */
export function webSetup(spec: Record<string, unknown> = {}): string {
  return [
    podYaml('web-1', 'node-1', { app: 'web' }, { port: 8080 }),
    podYaml('web-2', 'node-2', { app: 'web' }, { port: 8080 }),
    podYaml('client', 'node-3', { app: 'client' }, { image: 'curlimages/curl:8.11.1', command: ['sleep', 'infinity'] }),
    serviceYaml('web', spec),
  ].join('---\n')
}
