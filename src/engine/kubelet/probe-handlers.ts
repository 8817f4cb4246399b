import type { Container } from '../api/types'
import type { ContainerRuntime } from './containers'

/**
 * One probe run against the simulated runtime, with the outputs the real probers produce
 * (`pkg/probe/{exec,http,tcp,grpc}`), which the kubelet puts in `Unhealthy` events:
 * - exec: the command's stdout+stderr; a timeout is `command "<cmd>" timed out`;
 * - httpGet: `HTTP probe failed with statuscode: 500`; a closed port
 *   `Get "http://10.244.1.2:8080/healthz": dial tcp 10.244.1.2:8080: connect: connection refused`;
 * - tcpSocket: `dial tcp 10.244.1.2:8080: connect: connection refused`;
 * - grpc: `timeout: failed to connect service "10.244.1.2:9000" within 1s: context deadline exceeded`.
 */

export interface ProbeSpec {
  exec?: { command?: string[] }
  httpGet?: { path?: string; port: number | string; host?: string; scheme?: string }
  tcpSocket?: { port: number | string; host?: string }
  grpc?: { port: number; service?: string }
  initialDelaySeconds?: number
  timeoutSeconds?: number
  periodSeconds?: number
  successThreshold?: number
  failureThreshold?: number
  terminationGracePeriodSeconds?: number
}

export type ProbeOutcome = { result: 'Success' | 'Failure'; output: string } | { result: 'Error'; error: string }

export interface ProbeTarget {
  runtime: ContainerRuntime
  uid: string
  podIP: string
  /** Where the kubelet's requests come from as the pod sees them (the node's bridge address). */
  sourceIP: string
  /** `kube-probe/1.33` (probes) or `kube-lifecycle/1.33` (hooks). */
  userAgent: string
}

/** Probe defaults (REFERENCE 1.4) for a spec that skipped API defaulting. */
export function probeTiming(p: ProbeSpec) {
  return {
    initialDelayS: p.initialDelaySeconds ?? 0,
    timeoutMs: (p.timeoutSeconds || 1) * 1000,
    periodMs: (p.periodSeconds || 10) * 1000,
    successThreshold: p.successThreshold || 1,
    failureThreshold: p.failureThreshold || 3,
  }
}

/** `ResolveContainerPort`: a number, a numeric string, or the name of one of the container's ports. */
export function resolvePort(port: number | string, c: Container): number | undefined {
  if (typeof port === 'number') return port
  if (/^\d+$/.test(port)) return Number(port)
  return (c.ports ?? []).find((p) => p.name === port)?.containerPort
}

export function runProbe(p: ProbeSpec, c: Container, t: ProbeTarget): ProbeOutcome {
  const { timeoutMs } = probeTiming(p)
  if (p.exec) {
    const argv = p.exec.command ?? []
    const r = t.runtime.exec(t.uid, c.name, argv, timeoutMs)
    if (!r) return { result: 'Error', error: `container not running` }
    if (r.timedOut) return { result: 'Failure', output: `command ${JSON.stringify(argv.join(' '))} timed out` }
    return { result: r.exitCode === 0 ? 'Success' : 'Failure', output: r.output }
  }
  if (p.httpGet) {
    const port = resolvePort(p.httpGet.port, c)
    if (port === undefined) return { result: 'Error', error: `unable to find port "${p.httpGet.port}"` }
    return httpProbe(t, p.httpGet.scheme ?? 'HTTP', p.httpGet.host || t.podIP, port, p.httpGet.path ?? '/').outcome
  }
  if (p.tcpSocket) {
    const port = resolvePort(p.tcpSocket.port, c)
    if (port === undefined) return { result: 'Error', error: `unable to find port "${p.tcpSocket.port}"` }
    const host = p.tcpSocket.host || t.podIP
    if (host === t.podIP && t.runtime.listening(t.uid, port)) return { result: 'Success', output: '' }
    return { result: 'Failure', output: `dial tcp ${host}:${port}: connect: connection refused` }
  }
  if (p.grpc) {
    const addr = `${t.podIP}:${p.grpc.port}`
    if (t.runtime.listening(t.uid, p.grpc.port)) return { result: 'Success', output: 'service is serving' }
    return { result: 'Failure', output: `timeout: failed to connect service ${JSON.stringify(addr)} within ${timeoutMs / 1000}s: context deadline exceeded` }
  }
  return { result: 'Error', error: 'missing probe handler' }
}

/** What a probe forced by the fault injector reports: the handler's usual failure, or its success. */
export function forcedOutcome(p: ProbeSpec, c: Container, t: ProbeTarget, want: 'fail' | 'succeed'): ProbeOutcome {
  if (want === 'succeed') return { result: 'Success', output: p.grpc ? 'service is serving' : '' }
  if (p.httpGet) return { result: 'Failure', output: 'HTTP probe failed with statuscode: 500' }
  if (p.tcpSocket) return { result: 'Failure', output: `dial tcp ${p.tcpSocket.host || t.podIP}:${resolvePort(p.tcpSocket.port, c) ?? p.tcpSocket.port}: connect: connection refused` }
  if (p.grpc) return { result: 'Failure', output: 'service unhealthy (responded with "NOT_SERVING")' }
  return { result: 'Failure', output: '' }
}

/** An HTTP GET as the kubelet's prober (and lifecycle handler) makes it; `outcome` is the probe's verdict. */
export function httpProbe(t: ProbeTarget, scheme: string, host: string, port: number, path: string): { outcome: ProbeOutcome; connected: boolean } {
  const p = path.startsWith('/') ? path : `/${path}`
  const url = `${scheme.toLowerCase()}://${host}:${port}${p}`
  const answer = host === t.podIP ? t.runtime.http(t.uid, port, p, t.sourceIP, t.userAgent) : undefined
  if (!answer) return { connected: false, outcome: { result: 'Failure', output: `Get ${JSON.stringify(url)}: dial tcp ${host}:${port}: connect: connection refused` } }
  if (scheme.toUpperCase() === 'HTTPS') return { connected: false, outcome: { result: 'Failure', output: `Get ${JSON.stringify(url)}: http: server gave HTTP response to HTTPS client` } }
  if (answer.status >= 200 && answer.status < 400) return { connected: true, outcome: { result: 'Success', output: answer.body } }
  return { connected: true, outcome: { result: 'Failure', output: `HTTP probe failed with statuscode: ${answer.status}` } }
}
