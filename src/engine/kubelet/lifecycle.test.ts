import { describe, expect, it } from 'vitest'
import { Kubelet } from './kubelet'
import { boundPod, eventsFor, getPod, nodeConfig, testContext } from './test-fixtures'
import type { Container, Pod } from '../api/types'
import type { EngineContext } from '../context'
import { podRow } from '../kubectl/printers/pod'
import { printContext } from '../kubectl/printers/table'

/**
 * The pod lifecycle on one kubelet with a bare control plane (no scheduler: pods are created
 * bound): init containers, hooks, probes, restarts and back-off, phases, termination. What is
 * checked is what kubectl and the API show, with Kubernetes' texts.
 */

function node() {
  const ctx = testContext()
  const kubelet = new Kubelet(ctx, nodeConfig(1))
  kubelet.start()
  ctx.clock.settle()
  return { ctx, kubelet }
}

function create(ctx: EngineContext, name: string, containers: Partial<Container>[], extra: Partial<Pod['spec']> = {}): string {
  const pod = boundPod(name, 'node-1', containers as Container[], extra)
  return (ctx.api.create('pods', pod, { actor: 'kubectl' }) as Pod).metadata.uid as string
}

/** kubectl's STATUS for a pod now. */
function status(ctx: EngineContext, name: string): string {
  const pod = getPod(ctx, name)
  return pod ? podRow(pod, printContext(ctx.clock.now(), (ts) => ctx.clock.parse(ts ?? undefined), false)).status : '<gone>'
}

/** STATUS every `stepMs` for `ms`, keeping only the changes: [seconds since start, STATUS]. */
function statuses(ctx: EngineContext, name: string, ms: number, stepMs = 100): [number, string][] {
  const t0 = ctx.clock.now()
  const out: [number, string][] = []
  for (let t = 0; t <= ms; t += stepMs) {
    if (t) ctx.clock.advance(stepMs)
    const s = status(ctx, name)
    if (out.at(-1)?.[1] !== s) out.push([Math.round((ctx.clock.now() - t0) / 100) / 10, s])
  }
  return out
}

/** Every stored version of a pod from now on. */
function history(ctx: EngineContext, name: string): Pod[] {
  const out: Pod[] = []
  ctx.api.watch('pods', 'default', ctx.api.revision(), (e) => {
    if (e.object.metadata.name === name) out.push(e.object as Pod)
  })
  return out
}

const cs = (pod: Pod | undefined, name: string) => [...(pod?.status?.containerStatuses ?? []), ...(pod?.status?.initContainerStatuses ?? [])].find((s) => s.name === name)
const cond = (pod: Pod | undefined, type: string) => pod?.status?.conditions?.find((c) => c.type === type)
const busybox = (name: string, script: string, more: Partial<Container> = {}): Partial<Container> => ({ name, image: 'busybox:1.36', command: ['sh', '-c', script], ...more })
const stageTimes = (k: Kubelet, uid: string, stage: string, container?: string) =>
  k.podLifecycle(uid).filter((r) => r.stage === stage && (!container || r.container === container)).map((r) => r.at)

describe('init containers', () => {
  it('run one at a time, each to completion, before the app: Init:0/2, Init:1/2, PodInitializing, Running', () => {
    const { ctx, kubelet } = node()
    const uid = create(ctx, 'myapp', [busybox('app', 'sleep 3600')], { initContainers: [busybox('init-a', 'sleep 5') as Container, busybox('init-b', 'sleep 3') as Container] })
    ctx.clock.advance(1000)
    expect(cond(getPod(ctx, 'myapp'), 'Initialized')).toMatchObject({ status: 'False', reason: 'ContainersNotInitialized', message: 'containers with incomplete status: [init-a init-b]' })
    const seen = statuses(ctx, 'myapp', 12_000).map(([, s]) => s)
    expect(seen).toEqual(['Init:0/2', 'Init:1/2', 'PodInitializing', 'Running'])
    const [aDone] = stageTimes(kubelet, uid, 'Exited', 'init-a')
    const [bStart] = stageTimes(kubelet, uid, 'Started', 'init-b')
    const [bDone] = stageTimes(kubelet, uid, 'Exited', 'init-b')
    const [appCreated] = stageTimes(kubelet, uid, 'Created', 'app')
    expect(bStart).toBeGreaterThan(aDone)
    expect(appCreated).toBeGreaterThan(bDone)
    const pod = getPod(ctx, 'myapp')
    expect(cs(pod, 'init-a')).toMatchObject({ ready: true, started: false, state: { terminated: { exitCode: 0, reason: 'Completed' } } })
    expect(cond(pod, 'Initialized')?.status).toBe('True')
    expect(pod?.status?.phase).toBe('Running')
  })

  it('a failing init container: Init:Error, then Init:CrashLoopBackOff; the app never starts', () => {
    const { ctx } = node()
    create(ctx, 'bad-init', [busybox('app', 'sleep 3600')], { initContainers: [busybox('setup', 'sleep 1; exit 1') as Container] })
    const seen = statuses(ctx, 'bad-init', 30_000).map(([, s]) => s)
    expect(seen).toContain('Init:Error')
    expect(seen.at(-1)).toBe('Init:CrashLoopBackOff')
    const pod = getPod(ctx, 'bad-init')
    expect(pod?.status?.phase).toBe('Pending')
    expect(cs(pod, 'app')?.state.waiting?.reason).toBe('PodInitializing')
    expect(cs(pod, 'setup')?.state.waiting?.message).toMatch(/^back-off (10|20)s restarting failed container=setup pod=bad-init_default\(/)
  })

  it('with restartPolicy Never a failed init container fails the pod (Init:Error, Failed)', () => {
    const { ctx } = node()
    create(ctx, 'once', [busybox('app', 'true')], { restartPolicy: 'Never', initContainers: [busybox('setup', 'exit 2') as Container] })
    ctx.clock.advance(10_000)
    const pod = getPod(ctx, 'once')
    expect(pod?.status?.phase).toBe('Failed')
    expect(status(ctx, 'once')).toBe('Init:Error')
    expect(cs(pod, 'setup')?.state.terminated).toMatchObject({ exitCode: 2, reason: 'Error' })
    expect(cs(pod, 'app')?.state.waiting?.reason).toBe('PodInitializing')
    expect(cond(pod, 'Ready')).toMatchObject({ status: 'False', reason: 'PodFailed' })
  })

  it('a sidecar starts first, keeps running, counts in READY, and is stopped when the app finishes', () => {
    const { ctx } = node()
    create(ctx, 'side', [busybox('app', 'sleep 10')], {
      restartPolicy: 'Never',
      initContainers: [busybox('logger', 'while true; do echo tick; sleep 5; done', { restartPolicy: 'Always' }) as Container, busybox('setup', 'sleep 2') as Container],
    })
    const seen = statuses(ctx, 'side', 60_000, 500).map(([, s]) => s)
    // `Pending` until the kubelet's first status write.
    expect(seen).toEqual(['Pending', 'Init:0/2', 'Init:1/2', 'PodInitializing', 'Running', 'Completed'])
    const pod = getPod(ctx, 'side')
    expect(pod?.status?.phase).toBe('Succeeded')
    expect(eventsFor(ctx, 'side')).toContain('Normal Killing: Stopping container logger')
    // The shell ignores SIGTERM: killed at the end of the 30 s grace period.
    expect(cs(pod, 'logger')?.state.terminated?.exitCode).toBe(137)
  })
})

describe('postStart', () => {
  it('blocks: the container is not running until the hook returns, and the next container waits', () => {
    const { ctx, kubelet } = node()
    const uid = create(ctx, 'hooked', [
      { name: 'first', image: 'nginx:1.27', lifecycle: { postStart: { exec: { command: ['sh', '-c', 'sleep 5; echo hi > /usr/share/message'] } } } },
      { name: 'second', image: 'nginx:1.27' },
    ])
    const [started] = (() => {
      for (let i = 0; i < 100 && !stageTimes(kubelet, uid, 'Started', 'first').length; i++) ctx.clock.advance(100)
      return stageTimes(kubelet, uid, 'Started', 'first')
    })()
    ctx.clock.advance(2000)
    expect(cs(getPod(ctx, 'hooked'), 'first')?.state.waiting?.reason).toBe('ContainerCreating')
    ctx.clock.advance(4000)
    const [done] = stageTimes(kubelet, uid, 'PostStartHookDone', 'first')
    expect(done - started).toBe(5000)
    const [secondCreated] = stageTimes(kubelet, uid, 'Created', 'second')
    expect(secondCreated).toBeGreaterThanOrEqual(done)
    ctx.clock.settle()
    expect(cs(getPod(ctx, 'hooked'), 'first')).toMatchObject({ ready: true, started: true })
    expect(kubelet.exec(getPod(ctx, 'hooked')!, 'first', ['cat', '/usr/share/message'])).toMatchObject({ exitCode: 0, stdout: 'hi\n' })
  })

  it('a failing hook: FailedPostStartHook, the container is killed, PostStartHookError, then CrashLoopBackOff', () => {
    const { ctx } = node()
    const seen = history(ctx, 'hook')
    create(ctx, 'hook', [{ name: 'app', image: 'nginx:1.27', lifecycle: { postStart: { exec: { command: ['sh', '-c', 'exit 1'] } } } }])
    ctx.clock.advance(30_000)
    const events = eventsFor(ctx, 'hook')
    expect(events).toContain('Warning FailedPostStartHook: PostStartHook failed')
    expect(events).toContain('Normal Killing: FailedPostStartHook')
    const waiting = seen.map((p) => cs(p, 'app')?.state.waiting).find((w) => w?.reason === 'PostStartHookError')
    expect(waiting?.message).toBe(
      `Exec lifecycle hook ([sh -c exit 1]) for Container "app" in Pod "hook_default(${getPod(ctx, 'hook')?.metadata.uid})" failed - error: command 'sh -c exit 1' exited with 1: , message: ""`,
    )
    expect(status(ctx, 'hook')).toBe('CrashLoopBackOff')
    expect(cs(getPod(ctx, 'hook'), 'app')?.lastState?.terminated).toMatchObject({ exitCode: 143, reason: 'Error' })
  })
})

describe('probes', () => {
  const nginxReady = (probe: object): Partial<Container> => ({ name: 'web', image: 'nginx:1.27', ports: [{ containerPort: 80 }], readinessProbe: probe })

  it('readiness with initialDelaySeconds 5, periodSeconds 10: Ready at the first success ≥ 5 s after the start', () => {
    const { ctx, kubelet } = node()
    const uid = create(ctx, 'web', [nginxReady({ httpGet: { path: '/', port: 80 }, initialDelaySeconds: 5, periodSeconds: 10 })])
    const accepted = kubelet.podLifecycle(uid)[0]?.at ?? ctx.clock.now()
    ctx.clock.advance(4000)
    let pod = getPod(ctx, 'web')
    expect(cs(pod, 'web')).toMatchObject({ ready: false, started: true, state: { running: {} } })
    expect(cond(pod, 'Ready')).toMatchObject({ status: 'False', reason: 'ContainersNotReady', message: 'containers with unready status: [web]' })
    ctx.clock.advance(20_000)
    pod = getPod(ctx, 'web')
    const started = ctx.clock.parse(cs(pod, 'web')?.state.running?.startedAt)!
    const readyAt = ctx.clock.parse(cond(pod, 'Ready')?.lastTransitionTime)!
    expect(cond(pod, 'Ready')?.status).toBe('True')
    expect(readyAt - started).toBeGreaterThanOrEqual(5000)
    // Ticks every 10 s from when the kubelet took the pod: the first one at least 5 s after the start.
    const firstSuccess = kubelet.podLifecycle(uid).find((r) => r.stage === 'ReadinessProbe' && r.detail === 'Success')!.at
    expect((firstSuccess - accepted) % 10_000).toBeLessThan(100)
    expect(firstSuccess - started).toBeGreaterThanOrEqual(5000)
    expect(firstSuccess - started).toBeLessThan(15_000)
  })

  it('readiness without a delay is probed as soon as the container started', () => {
    const { ctx, kubelet } = node()
    const uid = create(ctx, 'web', [nginxReady({ httpGet: { path: '/', port: 80 } })])
    ctx.clock.settle()
    const [started] = stageTimes(kubelet, uid, 'Started', 'web')
    const ready = kubelet.podLifecycle(uid).find((r) => r.stage === 'ProbeResult' && r.detail === 'readiness: Success')!.at
    expect(ready - started).toBeLessThan(200)
    expect(cond(getPod(ctx, 'web'), 'Ready')?.status).toBe('True')
  })

  it('a failing readiness probe: Unhealthy with the dial error, not ready, never restarted', () => {
    const { ctx } = node()
    create(ctx, 'web', [nginxReady({ httpGet: { path: '/healthz', port: 8080 }, periodSeconds: 5 })])
    ctx.clock.advance(60_000)
    const pod = getPod(ctx, 'web')
    expect(eventsFor(ctx, 'web')).toContain(`Warning Unhealthy: Readiness probe failed: Get "http://10.244.1.2:8080/healthz": dial tcp 10.244.1.2:8080: connect: connection refused`)
    expect(cs(pod, 'web')).toMatchObject({ ready: false, restartCount: 0 })
    expect(status(ctx, 'web')).toBe('Running')
    expect(cond(pod, 'ContainersReady')?.message).toBe('containers with unready status: [web]')
  })

  it('the liveness-exec example from the docs: unhealthy 30 s in, killed after 3 failures, restarted; RESTARTS climbs', () => {
    const { ctx, kubelet } = node()
    const uid = create(ctx, 'liveness-exec', [
      {
        name: 'liveness',
        image: 'registry.k8s.io/busybox:1.27.2',
        args: ['/bin/sh', '-c', 'touch /tmp/healthy; sleep 30; rm -f /tmp/healthy; sleep 600'],
        livenessProbe: { exec: { command: ['cat', '/tmp/healthy'] }, initialDelaySeconds: 5, periodSeconds: 5 },
      },
    ])
    ctx.clock.advance(120_000)
    const [started] = stageTimes(kubelet, uid, 'Started', 'liveness')
    const failures = kubelet.podLifecycle(uid).filter((r) => r.stage === 'LivenessProbe' && r.detail?.startsWith('Failure'))
    expect(failures[0].at - started).toBeGreaterThan(30_000)
    expect(failures[0].at - started).toBeLessThanOrEqual(35_000)
    expect(failures[0].detail).toBe("Failure: cat: can't open '/tmp/healthy': No such file or directory")
    const [killing] = stageTimes(kubelet, uid, 'Killing', 'liveness')
    // The third failure, 5 s apart, and the sync that follows it.
    expect(killing - failures[0].at).toBeGreaterThanOrEqual(10_000)
    expect(killing - failures[0].at).toBeLessThan(10_100)
    // busybox's sh ignores SIGTERM: SIGKILL after the 30 s grace period, then restarted at once.
    const restarted = stageTimes(kubelet, uid, 'Started', 'liveness')[1]
    expect(restarted - killing).toBeGreaterThanOrEqual(30_000)
    expect(restarted - killing).toBeLessThan(31_000)
    const events = eventsFor(ctx, 'liveness-exec')
    expect(events).toContain("Warning Unhealthy: Liveness probe failed: cat: can't open '/tmp/healthy': No such file or directory")
    expect(events).toContain('Normal Killing: Container liveness failed liveness probe, will be restarted')
    const pod = getPod(ctx, 'liveness-exec')
    expect(cs(pod, 'liveness')).toMatchObject({ restartCount: 1, lastState: { terminated: { exitCode: 137, reason: 'Error' } } })
    ctx.clock.advance(600_000)
    expect(cs(getPod(ctx, 'liveness-exec'), 'liveness')!.restartCount).toBeGreaterThanOrEqual(6)
  })

  it('liveness over HTTP (agnhost liveness: 500 after 10 s) with the probe’s own grace period', () => {
    const { ctx, kubelet } = node()
    const uid = create(ctx, 'liveness-http', [
      {
        name: 'liveness',
        image: 'registry.k8s.io/e2e-test-images/agnhost:2.40',
        args: ['liveness'],
        livenessProbe: { httpGet: { path: '/healthz', port: 8080 }, initialDelaySeconds: 3, periodSeconds: 3, terminationGracePeriodSeconds: 1 },
      },
    ])
    ctx.clock.advance(40_000)
    expect(eventsFor(ctx, 'liveness-http')).toContain('Warning Unhealthy: Liveness probe failed: HTTP probe failed with statuscode: 500')
    expect(kubelet.podLifecycle(uid).find((r) => r.stage === 'StopContainer')?.detail).toBe('SIGTERM, SIGKILL after 2s') // 1 s → the 2 s minimum
    expect(cs(getPod(ctx, 'liveness-http'), 'liveness')!.restartCount).toBeGreaterThanOrEqual(1)
  })

  it('successThreshold: readiness needs that many successes in a row; timeoutSeconds: an exec that sleeps longer fails', () => {
    const { ctx, kubelet } = node()
    const uid = create(ctx, 'web', [nginxReady({ tcpSocket: { port: 80 }, periodSeconds: 2, successThreshold: 3 })])
    ctx.clock.advance(20_000)
    const successes = kubelet.podLifecycle(uid).filter((r) => r.stage === 'ReadinessProbe' && r.detail === 'Success').map((r) => r.at)
    const ready = kubelet.podLifecycle(uid).find((r) => r.detail === 'readiness: Success')!.at
    expect(ready).toBe(successes[2])

    create(ctx, 'slowprobe', [busybox('app', 'sleep 3600', { readinessProbe: { exec: { command: ['sh', '-c', 'sleep 3'] }, timeoutSeconds: 2, periodSeconds: 5 } })])
    ctx.clock.advance(10_000)
    expect(eventsFor(ctx, 'slowprobe')).toContain('Warning Unhealthy: Readiness probe failed: command "sh -c sleep 3" timed out')
    expect(cs(getPod(ctx, 'slowprobe'), 'app')?.ready).toBe(false)
  })

  it('the docs’ TCP and gRPC examples: goproxy on 8080 and etcd on 2379 become Ready; a closed port is refused', () => {
    const { ctx } = node()
    create(ctx, 'goproxy', [
      {
        name: 'goproxy',
        image: 'registry.k8s.io/goproxy:0.1',
        ports: [{ containerPort: 8080 }],
        readinessProbe: { tcpSocket: { port: 8080 }, initialDelaySeconds: 15, periodSeconds: 10 },
        livenessProbe: { tcpSocket: { port: 8080 }, initialDelaySeconds: 15, periodSeconds: 10 },
      },
    ])
    create(ctx, 'etcd-with-grpc', [
      {
        name: 'etcd',
        image: 'registry.k8s.io/etcd:3.5.1-0',
        command: ['/usr/local/bin/etcd', '--data-dir', '/var/lib/etcd', '--listen-client-urls', 'http://0.0.0.0:2379', '--advertise-client-urls', 'http://127.0.0.1:2379', '--log-level', 'debug'],
        ports: [{ containerPort: 2379 }],
        livenessProbe: { grpc: { port: 2379 }, initialDelaySeconds: 10 },
      },
    ])
    create(ctx, 'closed', [{ name: 'web', image: 'nginx:1.27', readinessProbe: { tcpSocket: { port: 8080 }, periodSeconds: 5 } }])
    ctx.clock.advance(10_000)
    expect(cond(getPod(ctx, 'goproxy'), 'Ready')?.status).toBe('False')
    ctx.clock.advance(30_000)
    expect(cond(getPod(ctx, 'goproxy'), 'Ready')?.status).toBe('True')
    expect(cs(getPod(ctx, 'etcd-with-grpc'), 'etcd')).toMatchObject({ ready: true, restartCount: 0 })
    const ip = getPod(ctx, 'closed')?.status?.podIP
    expect(eventsFor(ctx, 'closed')).toContain(`Warning Unhealthy: Readiness probe failed: dial tcp ${ip}:8080: connect: connection refused`)
  })

  it('a startup probe holds liveness and readiness back until it passes; failing, it restarts the container', () => {
    const { ctx, kubelet } = node()
    const uid = create(ctx, 'slow', [
      busybox('app', 'sleep 8; touch /tmp/started; sleep 3600', {
        startupProbe: { exec: { command: ['cat', '/tmp/started'] }, periodSeconds: 2, failureThreshold: 10 },
        livenessProbe: { exec: { command: ['cat', '/tmp/nothing-here'] }, periodSeconds: 2, failureThreshold: 100 },
      }),
    ])
    ctx.clock.advance(6000)
    expect(cs(getPod(ctx, 'slow'), 'app')).toMatchObject({ started: false, ready: false, state: { running: {} } })
    expect(kubelet.podLifecycle(uid).some((r) => r.stage === 'LivenessProbe')).toBe(false)
    ctx.clock.advance(6000)
    expect(cs(getPod(ctx, 'slow'), 'app')).toMatchObject({ started: true, ready: true })
    expect(kubelet.podLifecycle(uid).some((r) => r.stage === 'LivenessProbe')).toBe(true)

    create(ctx, 'never', [busybox('app', 'sleep 3600', { startupProbe: { exec: { command: ['cat', '/tmp/started'] }, periodSeconds: 2, failureThreshold: 3 } })])
    ctx.clock.advance(20_000)
    expect(eventsFor(ctx, 'never')).toContain('Normal Killing: Container app failed startup probe, will be restarted')
    expect(eventsFor(ctx, 'never')).toContain("Warning Unhealthy: Startup probe failed: cat: can't open '/tmp/started': No such file or directory")
  })
})

describe('restarts and back-off', () => {
  it('CrashLoopBackOff: restarts after 0, 10, 20, 40, 80, 160, 300, 300 s, with the kubelet’s messages', () => {
    const { ctx, kubelet } = node()
    const seen = history(ctx, 'crash')
    const uid = create(ctx, 'crash', [busybox('app', 'exit 1')])
    ctx.clock.advance(1_300_000)
    const starts = stageTimes(kubelet, uid, 'Started', 'app')
    const exits = stageTimes(kubelet, uid, 'Exited', 'app')
    const delays = starts.slice(1, 9).map((s, i) => Math.round((s - exits[i]) / 1000))
    expect(delays).toEqual([0, 10, 20, 40, 80, 160, 300, 300])
    const podName = `crash_default(${uid})`
    const messages = [...new Set(seen.map((p) => cs(p, 'app')?.state.waiting?.message).filter((m) => m?.startsWith('back-off')))]
    expect(messages).toEqual(['10s', '20s', '40s', '1m20s', '2m40s', '5m0s'].map((d) => `back-off ${d} restarting failed container=app pod=${podName}`))
    expect(eventsFor(ctx, 'crash')).toContain(`Warning BackOff: Back-off restarting failed container app in pod ${podName}`)
    const pod = getPod(ctx, 'crash')
    expect(cs(pod, 'app')).toMatchObject({ restartCount: starts.length - 1, ready: false, lastState: { terminated: { exitCode: 1, reason: 'Error' } } })
    // RESTARTS shows the count and the time since the last termination.
    const row = podRow(pod!, printContext(ctx.clock.now(), (ts) => ctx.clock.parse(ts ?? undefined), false))
    expect(row.restarts).toMatch(new RegExp(`^${starts.length - 1} \\(\\d+(s|m\\d*s?) ago\\)$`))
    expect(row.status).toMatch(/^(CrashLoopBackOff|Error)$/)
  })

  it('the back-off starts again after 10 minutes of good running: every restart is immediate', () => {
    const { ctx, kubelet } = node()
    const uid = create(ctx, 'long', [busybox('app', 'sleep 605; exit 1')])
    ctx.clock.advance(4 * 606_000)
    const starts = stageTimes(kubelet, uid, 'Started', 'app')
    const exits = stageTimes(kubelet, uid, 'Exited', 'app')
    expect(starts.length).toBeGreaterThanOrEqual(4)
    for (let i = 1; i < starts.length; i++) expect(starts[i] - exits[i - 1]).toBeLessThan(1000)
    expect(eventsFor(ctx, 'long').some((e) => e.includes('BackOff'))).toBe(false)
  })

  // [restartPolicy, exit code, phase, kubectl STATUS, restarted]
  it.each<[Pod['spec']['restartPolicy'], number, string, string, boolean]>([
    ['Never', 0, 'Succeeded', 'Completed', false],
    ['Never', 1, 'Failed', 'Error', false],
    ['OnFailure', 0, 'Succeeded', 'Completed', false],
    ['OnFailure', 1, 'Running', 'CrashLoopBackOff', true],
    ['Always', 0, 'Running', 'CrashLoopBackOff', true],
    ['Always', 1, 'Running', 'CrashLoopBackOff', true],
  ])('restartPolicy %s, exit %d → %s (%s)', (policy, code, phase, shown, restarted) => {
    const { ctx } = node()
    create(ctx, 'job', [busybox('app', `sleep 1; exit ${code}`)], { restartPolicy: policy })
    ctx.clock.advance(8_000)
    const pod = getPod(ctx, 'job')
    expect(pod?.status?.phase).toBe(phase)
    expect(status(ctx, 'job')).toBe(shown)
    expect(cs(pod, 'app')!.restartCount > 0).toBe(restarted)
    if (!restarted) expect(cs(pod, 'app')?.state.terminated).toMatchObject({ exitCode: code, reason: code ? 'Error' : 'Completed' })
    if (phase === 'Succeeded') expect(cond(pod, 'Ready')).toMatchObject({ status: 'False', reason: 'PodCompleted' })
    // Terminal phases are final; the sandbox is gone but the IP stays in the status.
    if (phase !== 'Running') {
      ctx.clock.advance(60_000)
      expect(getPod(ctx, 'job')?.status?.phase).toBe(phase)
      expect(getPod(ctx, 'job')?.status?.podIP).toBe('10.244.1.2')
    }
  })
})

describe('termination', () => {
  it('preStop runs first and counts against the grace period; then SIGTERM: nginx exits 143', () => {
    const { ctx, kubelet } = node()
    const seen = history(ctx, 'web')
    const uid = create(ctx, 'web', [{ name: 'web', image: 'nginx:1.27', lifecycle: { preStop: { sleep: { seconds: 5 } } } }])
    ctx.clock.settle()
    ctx.api.delete('pods', 'default', 'web', { actor: 'kubectl' })
    ctx.clock.advance(4000)
    expect(status(ctx, 'web')).toBe('Terminating')
    ctx.clock.settle()
    expect(getPod(ctx, 'web')).toBeUndefined()
    const [killing] = stageTimes(kubelet, uid, 'Killing', 'web')
    const [stop] = stageTimes(kubelet, uid, 'StopContainer', 'web')
    expect(stop - killing).toBe(5000)
    expect(kubelet.podLifecycle(uid).find((r) => r.stage === 'StopContainer')?.detail).toBe('SIGTERM, SIGKILL after 25s')
    expect(eventsFor(ctx, 'web').at(-1)).toBe('Normal Killing: Stopping container web')
    expect(cs(seen.at(-1), 'web')?.state.terminated).toMatchObject({ exitCode: 143, reason: 'Error' })
  })

  it('a preStop longer than the grace period is cut off; SIGKILL 2 s later (137)', () => {
    const { ctx, kubelet } = node()
    const seen = history(ctx, 'sleeper')
    const uid = create(ctx, 'sleeper', [busybox('box', 'sleep 3600', { lifecycle: { preStop: { exec: { command: ['sh', '-c', 'sleep 20'] } } } })], { terminationGracePeriodSeconds: 10 })
    ctx.clock.settle()
    ctx.api.delete('pods', 'default', 'sleeper')
    const t0 = ctx.clock.now()
    ctx.clock.advance(11_000)
    expect(getPod(ctx, 'sleeper')).toBeDefined()
    ctx.clock.settle()
    expect(getPod(ctx, 'sleeper')).toBeUndefined()
    const [exit] = stageTimes(kubelet, uid, 'Exited', 'box')
    expect(exit - t0).toBeGreaterThanOrEqual(12_000)
    expect(exit - t0).toBeLessThan(12_200)
    expect(cs(seen.at(-2), 'box')?.state.terminated?.exitCode).toBe(137)
  })

  it('sidecars are stopped after the regular containers have exited', () => {
    const { ctx, kubelet } = node()
    const uid = create(ctx, 'mesh', [{ name: 'app', image: 'nginx:1.27' }], { initContainers: [{ name: 'proxy', image: 'nginx:1.27', restartPolicy: 'Always' } as Container] })
    ctx.clock.settle()
    expect(status(ctx, 'mesh')).toBe('Running')
    ctx.api.delete('pods', 'default', 'mesh')
    ctx.clock.settle()
    expect(getPod(ctx, 'mesh')).toBeUndefined()
    const [appExit] = stageTimes(kubelet, uid, 'Exited', 'app')
    const [proxyKilled] = stageTimes(kubelet, uid, 'Killing', 'proxy')
    expect(proxyKilled).toBeGreaterThanOrEqual(appExit)
    expect(eventsFor(ctx, 'mesh').filter((e) => e.includes('Killing'))).toEqual(['Normal Killing: Stopping container app', 'Normal Killing: Stopping container proxy'])
  })

  it('a failing preStop: Warning FailedPreStopHook, and the stop goes on', () => {
    const { ctx } = node()
    create(ctx, 'web', [{ name: 'web', image: 'nginx:1.27', lifecycle: { preStop: { httpGet: { path: '/drain', port: 9999 } } } }])
    ctx.clock.settle()
    ctx.api.delete('pods', 'default', 'web')
    ctx.clock.settle()
    expect(eventsFor(ctx, 'web')).toContain('Warning FailedPreStopHook: PreStopHook failed')
    expect(getPod(ctx, 'web')).toBeUndefined()
  })
})

describe('logs and the timeline', () => {
  it('what a container prints is its log; --previous reads the instance before', () => {
    const { ctx, kubelet } = node()
    create(ctx, 'counter', [busybox('count', 'i=0; while [ $i -lt 3 ]; do echo "$i: $(date)"; i=$((i+1)); sleep 1; done; exit 1')])
    ctx.clock.advance(4_000)
    ctx.clock.advance(2_000)
    const pod = getPod(ctx, 'counter')!
    const now = kubelet.logs(pod, 'count')
    const prev = kubelet.logs(pod, 'count', { previous: true })
    expect('lines' in prev && prev.lines.map((l) => l.text)).toEqual(expect.arrayContaining([expect.stringMatching(/^0: Thu Jan {2}1 00:00:0\d UTC 2026$/)]))
    expect('lines' in prev && prev.lines.length).toBe(3)
    expect('lines' in now && now.lines.length).toBeGreaterThan(0)
    expect('lines' in now && 'lines' in prev && now.containerID !== prev.containerID).toBe(true)
  })

  it('the pod timeline records init runs, hooks, probe results, restarts with back-off, preStop and termination', () => {
    const { ctx, kubelet } = node()
    const uid = create(ctx, 'all', [busybox('app', 'sleep 3; exit 1', { readinessProbe: { exec: { command: ['true'] } }, lifecycle: { postStart: { sleep: { seconds: 1 } }, preStop: { sleep: { seconds: 1 } } } })], {
      initContainers: [busybox('init', 'sleep 1') as Container],
    })
    ctx.clock.advance(30_000)
    ctx.api.delete('pods', 'default', 'all')
    ctx.clock.advance(40_000)
    const stages = new Set(kubelet.podLifecycle(uid).map((r) => r.stage))
    for (const s of ['Accepted', 'SandboxReady', 'Started', 'PostStartHook', 'PostStartHookDone', 'ReadinessProbe', 'ProbeResult', 'Exited', 'BackOff', 'Terminating'])
      expect(stages).toContain(s)
    expect(kubelet.podLifecycle(uid).find((r) => r.stage === 'Started')).toMatchObject({ container: 'init', detail: 'init container' })
    expect(kubelet.podLifecycle(uid).filter((r) => r.stage === 'Started' && r.container === 'app').map((r) => r.detail)).toEqual([undefined, 'restart 1', 'restart 2'])
  })
})
