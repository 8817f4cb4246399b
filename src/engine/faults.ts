import type { Component, EngineContext } from './context'
import type { Pod } from './api/types'
import type { Kubelet } from './kubelet/kubelet'
import type { ProbeType } from './kubelet/prober'

/**
 * Fault injection through the engine API (DESIGN "Simulated containers": crash a container,
 * make a probe fail, stop a kubelet, slow a registry). Nothing here fakes Kubernetes: each
 * fault changes the simulated world (a process dies, a health endpoint breaks, a node agent
 * stops) and the cluster reacts as it would — the kubelet restarts the container with its
 * back-off, kills a container whose liveness probe fails, the node lifecycle controller marks
 * a silent node `Unknown` after 50 s and its pods not Ready.
 *
 * Every fault leaves a record (`controller: 'fault-injector'`) for the UI's "why" views and
 * returns `{ ok: false, error }` instead of throwing: a UI action never breaks the engine.
 *
 * @example
 *   const f = faultApi(cluster)              // cluster: { kubelets, ctx }
 *   f.crashContainer('default', 'web-7d9f', 'nginx', 1)
 *   f.setProbeOverride('default', 'web-7d9f', 'nginx', 'readiness', 'fail')
 *   f.stopKubelet('node-2')
 */

export interface FaultHost {
  readonly kubelets: Map<string, Kubelet>
  readonly ctx: EngineContext
  /** kube-proxy per node (absent in bare test hosts). */
  readonly proxies?: Map<string, Component>
}

export type FaultResult = { ok: true; message: string } | { ok: false; error: string }

const ACTOR = 'fault-injector'

function record(host: FaultHost, key: string, action: string, detail: string): FaultResult {
  host.ctx.records.add({ type: 'controller', controller: ACTOR, key, action, detail })
  return { ok: true, message: detail }
}

function findPod(host: FaultHost, ns: string, name: string): { pod: Pod; kubelet: Kubelet } | { error: string } {
  const pod = host.ctx.api.peek('pods', ns, name) as Pod | undefined
  if (!pod) return { error: `pods "${name}" not found` }
  const node = pod.spec.nodeName
  if (!node) return { error: `pod "${name}" is not scheduled to a node` }
  const kubelet = host.kubelets.get(node)
  if (!kubelet) return { error: `node "${node}" has no kubelet` }
  return { pod, kubelet }
}

function hasContainer(pod: Pod, container: string) {
  return [...(pod.spec.initContainers ?? []), ...pod.spec.containers].find((c) => c.name === container)
}

/**
 * The container's process dies now with `exitCode` (default 1); with `reason: 'OOMKilled'`
 * it is killed by the kernel's OOM killer (exit 137, reason `OOMKilled`). The kubelet sees
 * the exit and restarts it per `restartPolicy`, with CrashLoopBackOff.
 */
export function crashContainer(host: FaultHost, ns: string, pod: string, container: string, exitCode = 1, opts: { reason?: 'OOMKilled' } = {}): FaultResult {
  const found = findPod(host, ns, pod)
  if ('error' in found) return { ok: false, error: found.error }
  if (!hasContainer(found.pod, container)) return { ok: false, error: `container "${container}" not found in pod "${pod}"` }
  const code = opts.reason === 'OOMKilled' ? 137 : exitCode & 255
  if (!found.kubelet.runtime.crashContainer(found.pod.metadata.uid as string, container, code, opts.reason))
    return { ok: false, error: `container "${container}" in pod "${pod}" is not running` }
  return record(host, `${ns}/${pod}`, 'CrashContainer', `${container} exited with ${code}${opts.reason ? ` (${opts.reason})` : ''}`)
}

/**
 * Make a probe fail (`'fail'`) or succeed (`'succeed'`) from now on, as if the container's
 * health endpoint broke or recovered; `null` probes for real again. The output is the handler's
 * usual one (`HTTP probe failed with statuscode: 500`, `connection refused`, …). It holds for
 * the pod's lifetime, across container restarts.
 */
export function setProbeOverride(host: FaultHost, ns: string, pod: string, container: string, probe: ProbeType, result: 'fail' | 'succeed' | null): FaultResult {
  const found = findPod(host, ns, pod)
  if ('error' in found) return { ok: false, error: found.error }
  const c = hasContainer(found.pod, container)
  if (!c) return { ok: false, error: `container "${container}" not found in pod "${pod}"` }
  if (!c[`${probe}Probe`]) return { ok: false, error: `container "${container}" has no ${probe}Probe` }
  found.kubelet.setProbeOverride(found.pod.metadata.uid as string, container, probe, result)
  return record(host, `${ns}/${pod}`, 'ProbeOverride', `${container} ${probe}: ${result ?? 'real'}`)
}

/** Image pulls on a node take `factor` times as long (a slow registry or link); 1 restores. */
export function slowImagePulls(host: FaultHost, node: string, factor: number): FaultResult {
  const k = host.kubelets.get(node)
  if (!k) return { ok: false, error: `nodes "${node}" not found` }
  if (!(factor > 0)) return { ok: false, error: `factor must be greater than 0` }
  k.slowImagePulls(factor)
  return record(host, node, 'SlowImagePulls', `image pulls ×${factor}`)
}

/**
 * The kubelet on a node stops: no heartbeats, no pod work; containers keep running. After
 * the 50 s grace the node lifecycle controller sets every node condition `Unknown` and marks
 * the node's pods not Ready (kubectl still prints them `Running` — current Kubernetes does not
 * set the old `NodeLost` reason that printed `Unknown`). When their 300 s unreachable
 * toleration runs out, taint-based eviction deletes them and their controllers replace them
 * on other nodes; they stay Terminating until the kubelet returns.
 */
export function stopKubelet(host: FaultHost, node: string): FaultResult {
  const k = host.kubelets.get(node)
  if (!k) return { ok: false, error: `nodes "${node}" not found` }
  if (!k.running()) return { ok: false, error: `kubelet on ${node} is already stopped` }
  k.stop()
  return record(host, node, 'StopKubelet', `kubelet on ${node} stopped`)
}

/** Start a stopped kubelet: it re-lists its pods, finds their containers still running, and reports Ready again. */
export function startKubelet(host: FaultHost, node: string): FaultResult {
  const k = host.kubelets.get(node)
  if (!k) return { ok: false, error: `nodes "${node}" not found` }
  if (k.running()) return { ok: false, error: `kubelet on ${node} is already running` }
  k.start()
  return record(host, node, 'StartKubelet', `kubelet on ${node} started`)
}

/** The faults bound to a cluster, for `Cluster.fault`. The host's fields are read at call time. */
/**
 * Stop kube-proxy on a node. In iptables and IPVS mode the kernel keeps the rules it was
 * given, so existing Services keep working but stop following changes; in userspace mode
 * the proxy process *is* the data path, so that node's Service traffic fails.
 */
export function stopKubeProxy(host: FaultHost, node: string): FaultResult {
  const kp = host.proxies?.get(node)
  if (!kp) return { ok: false, error: `nodes "${node}" not found` }
  if (!kp.running()) return { ok: false, error: `kube-proxy on ${node} is already stopped` }
  kp.stop()
  return record(host, node, 'StopKubeProxy', `kube-proxy on ${node} stopped`)
}

/** Start kube-proxy again: it re-lists Services and EndpointSlices and resyncs the node's rules. */
export function startKubeProxy(host: FaultHost, node: string): FaultResult {
  const kp = host.proxies?.get(node)
  if (!kp) return { ok: false, error: `nodes "${node}" not found` }
  if (kp.running()) return { ok: false, error: `kube-proxy on ${node} is already running` }
  kp.start()
  return record(host, node, 'StartKubeProxy', `kube-proxy on ${node} started`)
}

export function faultApi(host: FaultHost) {
  return {
    crashContainer: (ns: string, pod: string, container: string, exitCode?: number, opts?: { reason?: 'OOMKilled' }) => crashContainer(host, ns, pod, container, exitCode, opts),
    setProbeOverride: (ns: string, pod: string, container: string, probe: ProbeType, result: 'fail' | 'succeed' | null) => setProbeOverride(host, ns, pod, container, probe, result),
    slowImagePulls: (node: string, factor: number) => slowImagePulls(host, node, factor),
    stopKubelet: (node: string) => stopKubelet(host, node),
    startKubelet: (node: string) => startKubelet(host, node),
    stopKubeProxy: (node: string) => stopKubeProxy(host, node),
    startKubeProxy: (node: string) => startKubeProxy(host, node),
  }
}

export type FaultApi = ReturnType<typeof faultApi>
