import type { Container, Pod } from '../api/types'
import { httpProbe, resolvePort, type ProbeTarget } from './probe-handlers'

/**
 * Lifecycle hooks (`pkg/kubelet/lifecycle/handlers.go`, `HandlerRunner.Run`): postStart and
 * preStop with an `exec`, `httpGet` or `sleep` handler. A hook's result is known at once; `ms`
 * is how long it runs on the virtual clock (the command's sleeps, or `sleep.seconds`). An HTTP
 * hook fails only when it cannot connect — the kubelet does not look at the status code.
 * The failure message is the one the kubelet keeps (shown as the container's waiting message
 * for postStart); the events only say `PostStartHook failed` / `PreStopHook failed`.
 */

export interface LifecycleHandler {
  exec?: { command?: string[] }
  httpGet?: { path?: string; port: number | string; host?: string; scheme?: string }
  sleep?: { seconds: number }
  tcpSocket?: { port: number | string }
}

export interface HookResult {
  ok: boolean
  /** Virtual time the handler runs; Infinity for one that never returns (`sleep infinity`). */
  ms: number
  /** The kubelet's message when it failed. */
  message?: string
}

/** `format.Pod`: `<name>_<namespace>(<uid>)`. */
export function formatPod(pod: Pod): string {
  return `${pod.metadata.name}_${pod.metadata.namespace}(${pod.metadata.uid})`
}

export function runHook(h: LifecycleHandler, c: Container, pod: Pod, t: ProbeTarget): HookResult {
  const where = `for Container ${JSON.stringify(c.name)} in Pod ${JSON.stringify(formatPod(pod))}`
  if (h.exec) {
    const argv = h.exec.command ?? []
    const r = t.runtime.exec(t.uid, c.name, argv, 0)
    if (!r) return { ok: false, ms: 0, message: `Exec lifecycle hook ([${argv.join(' ')}]) ${where} failed - error: container not running, message: ""` }
    // A hook that never ends (`sleep infinity`, an endless loop) has ms = Infinity: it never returns.
    const ms = r.ms
    if (r.exitCode === 0) return { ok: true, ms }
    // CRI ExecSync's error: `command '<cmd>' exited with <code>: <stderr>`.
    const err = `command '${argv.join(' ')}' exited with ${r.exitCode}: ${r.stderr}`
    return { ok: false, ms, message: `Exec lifecycle hook ([${argv.join(' ')}]) ${where} failed - error: ${err}, message: ${JSON.stringify(r.output)}` }
  }
  if (h.httpGet) {
    const path = h.httpGet.path ?? '/'
    const port = h.httpGet.port === '' ? 80 : resolvePort(h.httpGet.port, c)
    if (port === undefined) return { ok: false, ms: 0, message: `HTTP lifecycle hook (${path}) ${where} failed - error: unable to find port "${h.httpGet.port}"` }
    const r = httpProbe({ ...t, userAgent: t.userAgent.replace('kube-probe', 'kube-lifecycle') }, h.httpGet.scheme ?? 'HTTP', h.httpGet.host || t.podIP, port, path)
    if (r.connected) return { ok: true, ms: 0 }
    return { ok: false, ms: 0, message: `HTTP lifecycle hook (${path}) ${where} failed - error: ${r.outcome.result === 'Error' ? r.outcome.error : r.outcome.output}` }
  }
  if (h.sleep) return { ok: true, ms: Math.max(0, h.sleep.seconds) * 1000 }
  // tcpSocket is accepted for compatibility and does nothing (kubelet: "TCPSocket is deprecated").
  return { ok: true, ms: 0 }
}
