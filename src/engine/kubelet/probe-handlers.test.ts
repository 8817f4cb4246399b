import { describe, expect, it } from 'vitest'
import { Clock } from '../clock'
import { Rng } from '../rng'
import type { Container, Pod } from '../api/types'
import { ContainerRuntime } from './containers'
import { forcedOutcome, runProbe, type ProbeTarget } from './probe-handlers'
import { runHook } from './hooks'
import { imageFacts } from './image-model'
import { containerLogs } from './container-logs-api'

/** One running pod on a bare runtime: `web` (nginx on 80 and 8080) and `box` (busybox). */
function setup() {
  const clock = new Clock()
  const rt = new ContainerRuntime(clock, new Rng(1), 'node-1', '10.244.1.0/24')
  rt.runSandbox('u', { name: 'p', namespace: 'default' })
  const web: Container = { name: 'web', image: 'nginx:1.27', ports: [{ name: 'http', containerPort: 8080 }] }
  const box: Container = { name: 'box', image: 'busybox:1.36', command: ['sh', '-c', 'touch /tmp/healthy; sleep 30; rm -f /tmp/healthy; sleep 600'] }
  for (const c of [web, box]) {
    rt.createContainer('u', c, imageFacts(c.image))
    rt.startContainer('u', c.name)
  }
  const t: ProbeTarget = { runtime: rt, uid: 'u', podIP: '10.244.1.2', sourceIP: '10.244.1.1', userAgent: 'kube-probe/1.33' }
  const pod = { metadata: { name: 'p', namespace: 'default', uid: 'u' } } as Pod
  return { clock, rt, web, box, t, pod }
}

describe('probe handlers: results and the texts the Unhealthy events quote', () => {
  it('exec: exit 0 succeeds; the output of a failing command is the message; a timeout names the command', () => {
    const { clock, box, t } = setup()
    expect(runProbe({ exec: { command: ['cat', '/tmp/healthy'] } }, box, t)).toEqual({ result: 'Success', output: '' })
    clock.advance(31_000)
    expect(runProbe({ exec: { command: ['cat', '/tmp/healthy'] } }, box, t)).toEqual({ result: 'Failure', output: "cat: can't open '/tmp/healthy': No such file or directory\n" })
    expect(runProbe({ exec: { command: ['sh', '-c', 'sleep 5'] }, timeoutSeconds: 2 }, box, t)).toEqual({ result: 'Failure', output: 'command "sh -c sleep 5" timed out' })
    expect(runProbe({ exec: { command: ['sh', '-c', 'exit 3'] } }, box, t)).toEqual({ result: 'Failure', output: '' })
  })

  it('httpGet: 200 on a listening port (any path), connection refused on a closed one; named ports resolve', () => {
    const { web, t } = setup()
    expect(runProbe({ httpGet: { path: '/healthz', port: 80 } }, web, t)).toEqual({ result: 'Success', output: 'p\n' })
    expect(runProbe({ httpGet: { path: '/', port: 'http' } }, web, t).result).toBe('Success')
    expect(runProbe({ httpGet: { path: '/healthz', port: 9090 } }, web, t)).toEqual({
      result: 'Failure',
      output: 'Get "http://10.244.1.2:9090/healthz": dial tcp 10.244.1.2:9090: connect: connection refused',
    })
    expect(runProbe({ httpGet: { path: '/', port: 'nope' } }, web, t).result).toBe('Error')
  })

  it('tcpSocket and grpc', () => {
    const { web, t } = setup()
    expect(runProbe({ tcpSocket: { port: 8080 } }, web, t)).toEqual({ result: 'Success', output: '' })
    expect(runProbe({ tcpSocket: { port: 8081 } }, web, t)).toEqual({ result: 'Failure', output: 'dial tcp 10.244.1.2:8081: connect: connection refused' })
    expect(runProbe({ grpc: { port: 80 } }, web, t)).toEqual({ result: 'Success', output: 'service is serving' })
    expect(runProbe({ grpc: { port: 9000 } }, web, t)).toEqual({
      result: 'Failure',
      output: 'timeout: failed to connect service "10.244.1.2:9000" within 1s: context deadline exceeded',
    })
  })

  it('a forced failure reads like the handler failing', () => {
    const { web, t } = setup()
    expect(forcedOutcome({ httpGet: { port: 80 } }, web, t, 'fail')).toEqual({ result: 'Failure', output: 'HTTP probe failed with statuscode: 500' })
    expect(forcedOutcome({ tcpSocket: { port: 'http' } }, web, t, 'fail')).toEqual({ result: 'Failure', output: 'dial tcp 10.244.1.2:8080: connect: connection refused' })
    expect(forcedOutcome({ exec: { command: ['true'] } }, web, t, 'succeed').result).toBe('Success')
  })

  it('probe requests show in nginx access log with the kubelet as client', () => {
    const { web, t, rt } = setup()
    runProbe({ httpGet: { path: '/ready', port: 80 } }, web, t)
    const last = rt.pod('u')!.containers.get('web')!.log.lines.at(-1)!
    expect(last.text).toBe('10.244.1.1 - - [01/Jan/2026:00:00:00 +0000] "GET /ready HTTP/1.1" 200 2 "-" "kube-probe/1.33" "-"')
  })
})

describe('lifecycle hooks', () => {
  it('exec: duration from its sleeps; failure message as the kubelet keeps it', () => {
    const { box, t, pod } = setup()
    expect(runHook({ exec: { command: ['sh', '-c', 'sleep 3; touch /tmp/x'] } }, box, pod, t)).toEqual({ ok: true, ms: 3000 })
    expect(runHook({ exec: { command: ['sh', '-c', 'echo oops >&2; exit 1'] } }, box, pod, t)).toEqual({
      ok: false,
      ms: 0,
      message: 'Exec lifecycle hook ([sh -c echo oops >&2; exit 1]) for Container "box" in Pod "p_default(u)" failed - error: command \'sh -c echo oops >&2; exit 1\' exited with 1: oops\n, message: "oops\\n"',
    })
    expect(runHook({ exec: { command: ['sh', '-c', 'sleep infinity'] } }, box, pod, t).ms).toBe(Infinity)
  })

  it('httpGet fails only when it cannot connect; sleep takes its seconds', () => {
    const { web, t, pod } = setup()
    expect(runHook({ httpGet: { path: '/shutdown', port: 80 } }, web, pod, t)).toEqual({ ok: true, ms: 0 })
    expect(runHook({ httpGet: { path: '/shutdown', port: 81 } }, web, pod, t)).toEqual({
      ok: false,
      ms: 0,
      message: 'HTTP lifecycle hook (/shutdown) for Container "web" in Pod "p_default(u)" failed - error: Get "http://10.244.1.2:81/shutdown": dial tcp 10.244.1.2:81: connect: connection refused',
    })
    expect(runHook({ sleep: { seconds: 5 } }, web, pod, t)).toEqual({ ok: true, ms: 5000 })
  })
})

describe('container logs (validateContainerLogStatus)', () => {
  const status = (cs: object) => ({ metadata: { name: 'p', namespace: 'default', uid: 'u' }, spec: { containers: [] }, status: { containerStatuses: [{ name: 'box', image: 'busybox', ready: false, restartCount: 0, ...cs }] } }) as unknown as Pod

  it('waiting containers explain why there is nothing', () => {
    const { rt } = setup()
    expect(containerLogs(rt, status({ state: { waiting: { reason: 'ContainerCreating' } } }), 'box', false)).toEqual({ error: 'container "box" in pod "p" is waiting to start: ContainerCreating' })
    expect(containerLogs(rt, status({ state: { waiting: { reason: 'ImagePullBackOff' } } }), 'box', false)).toEqual({ error: 'container "box" in pod "p" is waiting to start: trying and failing to pull image' })
    expect(containerLogs(rt, status({ state: { waiting: { reason: 'ErrImagePull' } } }), 'box', false)).toEqual({ error: `container "box" in pod "p" is waiting to start: image can't be pulled` })
    expect(containerLogs(rt, status({ state: {} }), 'nope', false)).toEqual({ error: 'container "nope" in pod "p" is not available' })
    expect(containerLogs(rt, status({ state: { waiting: { reason: 'CrashLoopBackOff' } } }), 'box', true)).toEqual({ error: 'previous terminated container "box" in pod "p" not found' })
  })

  it('a running container: its current instance', () => {
    const { rt } = setup()
    const id = rt.pod('u')!.containers.get('web')!.id
    const r = containerLogs(rt, { ...status({}), status: { containerStatuses: [{ name: 'web', image: 'nginx', ready: true, restartCount: 0, containerID: `containerd://${id}`, state: { running: {} } }] } } as Pod, 'web', false)
    expect('lines' in r && r.lines[0].text).toBe('/docker-entrypoint.sh: /docker-entrypoint.d/ is not empty, will attempt to perform configuration')
  })
})
