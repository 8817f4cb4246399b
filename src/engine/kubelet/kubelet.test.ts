import { describe, expect, it } from 'vitest'
import { Kubelet } from './kubelet'
import { boundPod, eventsFor, getPod, nodeConfig, testContext } from './test-fixtures'
import type { KObject, Node, Pod } from '../api/types'
import type { EngineContext } from '../context'

function cluster(nodes = 1) {
  const ctx = testContext()
  const kubelets = Array.from({ length: nodes }, (_, i) => new Kubelet(ctx, nodeConfig(i + 1)))
  for (const k of kubelets) k.start()
  ctx.clock.settle()
  return { ctx, kubelets }
}

const nginx = (name = 'nginx', image = 'nginx:1.27') => [{ name, image, ports: [{ containerPort: 80 }] }]

/** Every version of a pod the API server stored, including the last state DELETED carried. */
function history(ctx: EngineContext, name: string): { type: string; pod: Pod }[] {
  const out: { type: string; pod: Pod }[] = []
  ctx.api.watch('pods', 'default', 0, (e) => {
    if (e.object.metadata.name === name) out.push({ type: e.type, pod: e.object as Pod })
  })
  return out
}

describe('Kubelet: pod start', () => {
  it('ContainerCreating → Running with IP, conditions, container status and events', () => {
    const { ctx, kubelets } = cluster()
    ctx.api.create('pods', boundPod('web', 'node-1', nginx()), { actor: 'kubectl' })
    ctx.clock.advance(100)

    let pod = getPod(ctx, 'web')!
    expect(pod.status?.phase).toBe('Pending')
    expect(pod.status?.hostIP).toBe('172.18.0.2')
    expect(pod.status?.startTime).toBeDefined()
    expect(pod.status?.podIP).toBeUndefined()
    expect(pod.status?.containerStatuses).toEqual([
      { name: 'nginx', state: { waiting: { reason: 'ContainerCreating' } }, lastState: {}, ready: false, restartCount: 0, image: 'nginx:1.27', imageID: '', started: false },
    ])
    expect(pod.status?.conditions?.map((c) => [c.type, c.status, c.reason, c.message])).toEqual([
      ['PodReadyToStartContainers', 'False', undefined, undefined],
      ['Initialized', 'True', undefined, undefined],
      ['Ready', 'False', 'ContainersNotReady', 'containers with unready status: [nginx]'],
      ['ContainersReady', 'False', 'ContainersNotReady', 'containers with unready status: [nginx]'],
      ['PodScheduled', 'True', undefined, undefined],
    ])
    expect(pod.status?.conditions?.every((c) => c.lastProbeTime === null && !!c.lastTransitionTime)).toBe(true)

    ctx.clock.settle()
    pod = getPod(ctx, 'web')!
    expect(pod.status?.phase).toBe('Running')
    expect(pod.status?.podIP).toBe('10.244.1.2')
    expect(pod.status?.podIPs).toEqual([{ ip: '10.244.1.2' }])
    expect(pod.status?.conditions?.map((c) => `${c.type}=${c.status}`)).toEqual([
      'PodReadyToStartContainers=True',
      'Initialized=True',
      'Ready=True',
      'ContainersReady=True',
      'PodScheduled=True',
    ])
    const cs = pod.status!.containerStatuses![0]
    expect(cs).toMatchObject({ name: 'nginx', ready: true, started: true, restartCount: 0, image: 'docker.io/library/nginx:1.27' })
    expect(cs.containerID).toMatch(/^containerd:\/\/[0-9a-f]{64}$/)
    expect(cs.imageID).toMatch(/^docker\.io\/library\/nginx@sha256:[0-9a-f]{64}$/)
    expect(cs.state.running?.startedAt).toMatch(/^2026-01-01T00:00:0\dZ$/)

    const events = eventsFor(ctx, 'web')
    expect(events[0]).toBe('Normal Pulling: Pulling image "nginx:1.27"')
    expect(events[1]).toMatch(/^Normal Pulled: Successfully pulled image "nginx:1\.27" in 2(\.\d+)?s \(2(\.\d+)?s including waiting\)\. Image size: 72188133 bytes\.$/)
    expect(events.slice(2)).toEqual(['Normal Created: Created container: nginx', 'Normal Started: Started container nginx'])

    const stages = kubelets[0].podLifecycle(pod.metadata.uid!).map((r) => r.stage)
    expect(stages).toEqual(['Accepted', 'SandboxCreating', 'SandboxReady', 'Pulling', 'Pulled', 'Created', 'Started'])
  })

  it('a second pod with the same image skips the pull (IfNotPresent) and gets the next IP', () => {
    const { ctx } = cluster()
    ctx.api.create('pods', boundPod('a', 'node-1', nginx()))
    ctx.clock.settle()
    ctx.api.create('pods', boundPod('b', 'node-1', nginx()))
    ctx.clock.settle()
    expect(eventsFor(ctx, 'b')).toEqual([
      'Normal Pulled: Container image "nginx:1.27" already present on machine',
      'Normal Created: Created container: nginx',
      'Normal Started: Started container nginx',
    ])
    expect(getPod(ctx, 'b')?.status?.podIP).toBe('10.244.1.3')
  })

  it('pulls on a node are serialised: the second pull reports its wait', () => {
    const { ctx } = cluster()
    ctx.api.create('pods', boundPod('a', 'node-1', nginx('web', 'nginx')))
    ctx.api.create('pods', boundPod('b', 'node-1', nginx('web', 'nginx')))
    ctx.clock.settle()
    // `nginx` means :latest, pull policy Always: both pull; whichever asked second waited for
    // the first pull and then only resolved the manifest.
    const times = ['a', 'b'].map((p) => {
      const pulled = eventsFor(ctx, p).find((e) => e.startsWith('Normal Pulled'))!
      const m = /in ([\d.]+)(ms|s) \(([\d.]+)(ms|s) including waiting\)/.exec(pulled)!
      const ms = (v: string, u: string) => Number(v) * (u === 's' ? 1000 : 1)
      return { pull: ms(m[1], m[2]), total: ms(m[3], m[4]) }
    })
    const [first, second] = times.sort((x, y) => x.total - y.total)
    expect(first.pull).toBe(first.total)
    expect(second.pull).toBeLessThan(1000)
    expect(second.total).toBeGreaterThan(2000)
  })

  it('images on the node appear in its status at the next heartbeat', () => {
    const { ctx } = cluster()
    ctx.api.create('pods', boundPod('a', 'node-1', nginx()))
    ctx.clock.settle()
    ctx.clock.advance(10_000)
    const node = ctx.api.peek('nodes', undefined, 'node-1') as Node
    expect((node.status as KObject).images).toEqual([{ names: [expect.stringMatching(/^docker\.io\/library\/nginx@sha256:/), 'docker.io/library/nginx:1.27'], sizeBytes: 72188133 }])
  })
})

describe('Kubelet: image pull failure', () => {
  it('ErrImagePull, then ImagePullBackOff, with the kubelet texts', () => {
    const { ctx } = cluster()
    ctx.api.create('pods', boundPod('bad', 'node-1', nginx('nginx', 'nginx:1.161')))
    ctx.clock.settle()
    const pod = getPod(ctx, 'bad')!
    const notFound =
      'rpc error: code = NotFound desc = failed to pull and unpack image "docker.io/library/nginx:1.161": failed to resolve reference "docker.io/library/nginx:1.161": docker.io/library/nginx:1.161: not found'
    expect(pod.status?.phase).toBe('Pending')
    expect(pod.status?.containerStatuses?.[0].state.waiting).toEqual({ reason: 'ErrImagePull', message: notFound })
    expect(eventsFor(ctx, 'bad')).toEqual([
      'Normal Pulling: Pulling image "nginx:1.161"',
      `Warning Failed: Failed to pull image "nginx:1.161": ${notFound}`,
      'Warning Failed: Error: ErrImagePull',
    ])
    // The pod worker retries every 10–15 s; within the growing back-off it reports ImagePullBackOff.
    const seen = new Set<string>()
    for (let i = 0; i < 60; i++) {
      ctx.clock.advance(1000)
      const w = getPod(ctx, 'bad')!.status?.containerStatuses?.[0].state.waiting
      if (w?.reason) seen.add(`${w.reason}: ${w.message}`)
    }
    expect(seen).toContain('ImagePullBackOff: Back-off pulling image "nginx:1.161"')
    const events = eventsFor(ctx, 'bad')
    expect(events).toContain('Normal BackOff: Back-off pulling image "nginx:1.161"')
    expect(events).toContain('Warning Failed: Error: ImagePullBackOff')
  })
})

describe('Kubelet: graceful deletion', () => {
  it('Killing, exit 143, terminal status, then the grace-0 delete', () => {
    const { ctx, kubelets } = cluster()
    ctx.api.create('pods', boundPod('web', 'node-1', nginx()))
    ctx.clock.settle()
    const uid = getPod(ctx, 'web')!.metadata.uid!
    const seen = history(ctx, 'web')
    ctx.api.delete('pods', 'default', 'web', { actor: 'kubectl' })
    expect(getPod(ctx, 'web')?.metadata.deletionTimestamp).toBeDefined()
    ctx.clock.settle()

    expect(getPod(ctx, 'web')).toBeUndefined()
    expect(eventsFor(ctx, 'web').slice(-1)).toEqual(['Normal Killing: Stopping container nginx'])
    const last = seen[seen.length - 1]
    expect(last.type).toBe('DELETED')
    const final = seen[seen.length - 2].pod
    expect(final.status?.phase).toBe('Failed')
    expect(final.status?.containerStatuses?.[0].state.terminated).toMatchObject({ exitCode: 143, reason: 'Error' })
    expect(final.status?.conditions?.find((c) => c.type === 'Ready')).toMatchObject({ status: 'False', reason: 'PodFailed' })
    expect(final.status?.conditions?.find((c) => c.type === 'PodReadyToStartContainers')?.status).toBe('False')
    expect(final.status?.podIP).toBe('10.244.1.2')
    // The kubelet's own delete: grace 0, by kubelet/node-1.
    const deletes = ctx.records.since(0).filter((r) => r.type === 'api' && r.verb === 'delete' && r.name === 'web')
    expect(deletes.map((r) => (r.type === 'api' ? r.actor : ''))).toEqual(['kubectl', 'kubelet/node-1'])
    expect(kubelets[0].podUids()).not.toContain(uid)
    expect(kubelets[0].podLifecycle(uid).map((r) => r.stage).slice(-7)).toEqual(['Terminating', 'Killing', 'StopContainer', 'Exited', 'SandboxStopped', 'Deleting', 'Removed'])

    // The freed IP is the lowest again.
    ctx.api.create('pods', boundPod('next', 'node-1', nginx()))
    ctx.clock.settle()
    expect(getPod(ctx, 'next')?.status?.podIP).toBe('10.244.1.2')
  })

  it('a shell that ignores SIGTERM is killed at the end of the grace period (137)', () => {
    const { ctx } = cluster()
    ctx.api.create('pods', boundPod('sleeper', 'node-1', [{ name: 'box', image: 'busybox:1.36', command: ['sleep', '3600'] }], { terminationGracePeriodSeconds: 5 }))
    ctx.clock.settle()
    expect(getPod(ctx, 'sleeper')?.status?.phase).toBe('Running')
    const seen = history(ctx, 'sleeper')
    ctx.api.delete('pods', 'default', 'sleeper')
    ctx.clock.advance(4000)
    expect(getPod(ctx, 'sleeper')).toBeDefined() // still within its 5 s
    ctx.clock.settle()
    expect(getPod(ctx, 'sleeper')).toBeUndefined()
    expect(seen[seen.length - 2].pod.status?.containerStatuses?.[0].state.terminated).toMatchObject({ exitCode: 137, reason: 'Error' })
  })

  it('a pod deleted while its image is pulling: nothing to kill, containers reported unknown', () => {
    const { ctx } = cluster()
    ctx.api.create('pods', boundPod('early', 'node-1', nginx()))
    ctx.clock.advance(1000) // sandbox ready, pull in progress
    const seen = history(ctx, 'early')
    ctx.api.delete('pods', 'default', 'early')
    ctx.clock.settle()
    expect(getPod(ctx, 'early')).toBeUndefined()
    expect(eventsFor(ctx, 'early').some((e) => e.includes('Killing'))).toBe(false)
    expect(seen[seen.length - 2].pod.status?.containerStatuses?.[0].state.terminated).toEqual({
      exitCode: 137,
      reason: 'ContainerStatusUnknown',
      message: 'The container could not be located when the pod was terminated',
    })
  })

  it('a force-deleted pod is stopped and its IP freed, without further API writes', () => {
    const { ctx, kubelets } = cluster()
    ctx.api.create('pods', boundPod('web', 'node-1', nginx()))
    ctx.clock.settle()
    const uid = getPod(ctx, 'web')!.metadata.uid!
    ctx.api.delete('pods', 'default', 'web', { gracePeriodSeconds: 0, actor: 'kubectl' })
    ctx.clock.settle()
    expect(kubelets[0].runtime.pod(uid)).toBeUndefined()
    expect(kubelets[0].runtime.ips.inUse()).toBe(0)
    const kubeletWrites = ctx.records.since(0).filter((r) => r.type === 'api' && r.actor === 'kubelet/node-1' && r.name === 'web' && r.verb !== 'get')
    expect(kubeletWrites.every((r) => r.type === 'api' && r.verb === 'update')).toBe(true)
  })
})

describe('Kubelet: the node', () => {
  it('registers its Node: podCIDR, capacity, addresses, nodeInfo, Ready', () => {
    const { ctx } = cluster()
    const node = ctx.api.peek('nodes', undefined, 'node-1') as Node
    expect(node.spec.podCIDR).toBe('10.244.1.0/24')
    expect(node.spec.podCIDRs).toEqual(['10.244.1.0/24'])
    expect(node.metadata.labels?.['kubernetes.io/hostname']).toBe('node-1')
    expect(node.status?.capacity).toMatchObject({ cpu: '4', memory: '8Gi', pods: '110', 'ephemeral-storage': expect.any(String) })
    expect(node.status?.allocatable).toEqual(node.status?.capacity)
    expect(node.status?.addresses).toEqual([
      { type: 'InternalIP', address: '172.18.0.2' },
      { type: 'Hostname', address: 'node-1' },
    ])
    expect(node.status?.nodeInfo).toMatchObject({
      kubeletVersion: expect.stringMatching(/^v1\.33\.\d+$/),
      containerRuntimeVersion: expect.stringMatching(/^containerd:\/\//),
      architecture: 'amd64',
      operatingSystem: 'linux',
      osImage: expect.any(String),
      kernelVersion: expect.any(String),
    })
    expect(node.status?.conditions?.map((c) => [c.type, c.status, c.reason, c.message])).toEqual([
      ['MemoryPressure', 'False', 'KubeletHasSufficientMemory', 'kubelet has sufficient memory available'],
      ['DiskPressure', 'False', 'KubeletHasNoDiskPressure', 'kubelet has no disk pressure'],
      ['PIDPressure', 'False', 'KubeletHasSufficientPID', 'kubelet has sufficient PID available'],
      ['Ready', 'True', 'KubeletReady', 'kubelet is posting ready status'],
    ])
    expect(eventsFor(ctx, 'node-1', 'Node')).toEqual([
      'Normal Starting: Starting kubelet.',
      'Normal NodeHasSufficientMemory: Node node-1 status is now: NodeHasSufficientMemory',
      'Normal NodeHasNoDiskPressure: Node node-1 status is now: NodeHasNoDiskPressure',
      'Normal NodeHasSufficientPID: Node node-1 status is now: NodeHasSufficientPID',
      'Normal NodeAllocatableEnforced: Updated Node Allocatable limit across pods',
      'Normal NodeReady: Node node-1 status is now: NodeReady',
    ])
  })

  it('heartbeats every 10 s: lastHeartbeatTime moves, lastTransitionTime stays', () => {
    const { ctx } = cluster()
    const ready = () => (ctx.api.peek('nodes', undefined, 'node-1') as Node).status!.conditions!.find((c) => c.type === 'Ready')!
    ctx.clock.advance(10_000)
    const before = ready()
    ctx.clock.advance(10_000)
    const after = ready()
    expect(ctx.clock.parse(after.lastHeartbeatTime)! - ctx.clock.parse(before.lastHeartbeatTime)!).toBe(10_000)
    expect(after.lastTransitionTime).toBe(before.lastTransitionTime)
  })

  it('a stopped kubelet posts nothing: pods keep their last status; restarted, it is Ready again', () => {
    const { ctx, kubelets } = cluster()
    ctx.api.create('pods', boundPod('web', 'node-1', nginx()))
    ctx.clock.settle()
    const podBefore = getPod(ctx, 'web')!
    const rev = ctx.api.revision()
    kubelets[0].stop()
    ctx.clock.advance(30_000)
    expect(ctx.api.revision()).toBe(rev) // no heartbeats, no status writes
    expect(getPod(ctx, 'web')).toEqual(podBefore)
    kubelets[0].start()
    ctx.clock.settle()
    const ready = (ctx.api.peek('nodes', undefined, 'node-1') as Node).status!.conditions!.find((c) => c.type === 'Ready')!
    expect(ready.status).toBe('True')
    // The restarted kubelet finds the container still running: no restart, no new pull.
    expect(getPod(ctx, 'web')!.status!.containerStatuses![0].containerID).toBe(podBefore.status!.containerStatuses![0].containerID)
    expect(eventsFor(ctx, 'web').filter((e) => e.includes('Pulling'))).toHaveLength(1)
  })

  it('pods on other nodes are not touched', () => {
    const { ctx, kubelets } = cluster(2)
    ctx.api.create('pods', boundPod('web', 'node-2', nginx()))
    ctx.clock.settle()
    expect(getPod(ctx, 'web')?.status?.hostIP).toBe('172.18.0.3')
    expect(getPod(ctx, 'web')?.status?.podIP).toBe('10.244.2.2')
    expect(kubelets[0].podUids()).toEqual([])
  })
})
