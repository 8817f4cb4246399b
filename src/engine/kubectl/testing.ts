import type { Node, Pod, PodStatus } from '../api/types'
import { testContext } from '../testing/context'
import type { KubectlHost } from './command'
import { runKubectl } from './kubectl'

/**
 * Test-only: a bare control plane (no scheduler, kubelets or controllers) with kubectl on top,
 * and builders for the objects the golden tests print. Not imported by engine code.
 */
export function kubectlHarness() {
  const ctx = testContext(1)
  const host: KubectlHost = { ctx, now: () => ctx.clock.now(), schedulingDecision: () => undefined }
  return {
    ctx,
    host,
    k: (line: string, stdin?: string) => runKubectl(host, line, stdin),
    /** Advance the virtual clock (no components run). */
    advance: (ms: number) => ctx.clock.advance(ms),
    at: (ms: number) => ctx.clock.timestamp(ms),
  }
}

export type Harness = ReturnType<typeof kubectlHarness>

export function addNode(h: Harness, name: string, ip: string, opts: { ready?: 'True' | 'False' | 'Unknown'; unschedulable?: boolean; labels?: Record<string, string> } = {}): Node {
  const now = h.ctx.clock.timestamp()
  const node: Node = {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: { name, labels: { 'kubernetes.io/hostname': name, 'kubernetes.io/os': 'linux', ...(opts.labels ?? {}) } },
    spec: { podCIDR: '10.244.1.0/24', podCIDRs: ['10.244.1.0/24'], unschedulable: opts.unschedulable },
    status: {
      capacity: { cpu: '4', memory: '8Gi', pods: '110', 'ephemeral-storage': '102626232Ki' },
      allocatable: { cpu: '4', memory: '8Gi', pods: '110', 'ephemeral-storage': '102626232Ki' },
      conditions: [
        { type: 'MemoryPressure', status: 'False', reason: 'KubeletHasSufficientMemory', message: 'kubelet has sufficient memory available', lastHeartbeatTime: now, lastTransitionTime: now },
        { type: 'DiskPressure', status: 'False', reason: 'KubeletHasNoDiskPressure', message: 'kubelet has no disk pressure', lastHeartbeatTime: now, lastTransitionTime: now },
        { type: 'PIDPressure', status: 'False', reason: 'KubeletHasSufficientPID', message: 'kubelet has sufficient PID available', lastHeartbeatTime: now, lastTransitionTime: now },
        { type: 'Ready', status: opts.ready ?? 'True', reason: 'KubeletReady', message: 'kubelet is posting ready status', lastHeartbeatTime: now, lastTransitionTime: now },
      ],
      addresses: [
        { type: 'InternalIP', address: ip },
        { type: 'Hostname', address: name },
      ],
      nodeInfo: {
        machineID: 'm1',
        systemUUID: 'u1',
        bootID: 'b1',
        kernelVersion: '6.8.0-60-generic',
        osImage: 'Debian GNU/Linux 12 (bookworm)',
        containerRuntimeVersion: 'containerd://2.1.1',
        kubeletVersion: 'v1.33.1',
        kubeProxyVersion: '',
        operatingSystem: 'linux',
        architecture: 'amd64',
      },
    },
  }
  const created = h.ctx.api.create('nodes', node, { actor: 'test' })
  return h.ctx.api.update('nodes', { ...created, status: node.status }, { actor: 'test', subresource: 'status' }) as Node
}

export function addPod(h: Harness, name: string, opts: { labels?: Record<string, string>; node?: string; image?: string; ns?: string; containers?: Pod['spec']['containers'] } = {}): Pod {
  const pod: Pod = {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, namespace: opts.ns ?? 'default', labels: opts.labels },
    spec: { containers: opts.containers ?? [{ name: 'web', image: opts.image ?? 'nginx:1.27', ports: [{ containerPort: 80 }] }], nodeName: opts.node },
  }
  return h.ctx.api.create('pods', pod, { actor: 'test' }) as Pod
}

export function setStatus(h: Harness, name: string, status: PodStatus, ns = 'default'): Pod {
  const cur = h.ctx.api.get('pods', ns, name)
  return h.ctx.api.update('pods', { ...cur, status }, { actor: 'test', subresource: 'status' }) as Pod
}

/** A running, ready single-container pod status as the kubelet writes it. */
export function runningStatus(ip: string, hostIP: string, startedAt: string, restarts = 0): PodStatus {
  return {
    phase: 'Running',
    hostIP,
    podIP: ip,
    podIPs: [{ ip }],
    startTime: startedAt,
    qosClass: 'BestEffort',
    conditions: [
      { type: 'PodReadyToStartContainers', status: 'True', lastProbeTime: null, lastTransitionTime: startedAt },
      { type: 'Initialized', status: 'True', lastProbeTime: null, lastTransitionTime: startedAt },
      { type: 'Ready', status: 'True', lastProbeTime: null, lastTransitionTime: startedAt },
      { type: 'ContainersReady', status: 'True', lastProbeTime: null, lastTransitionTime: startedAt },
      { type: 'PodScheduled', status: 'True', lastProbeTime: null, lastTransitionTime: startedAt },
    ],
    containerStatuses: [
      {
        name: 'web',
        image: 'docker.io/library/nginx:1.27',
        imageID: 'docker.io/library/nginx@sha256:abc',
        containerID: 'containerd://c1',
        ready: true,
        started: true,
        restartCount: restarts,
        state: { running: { startedAt } },
        ...(restarts ? { lastState: { terminated: { exitCode: 1, reason: 'Error', startedAt, finishedAt: startedAt } } } : {}),
      },
    ],
  }
}
