import type { Container, ContainerState, ContainerStatus } from '../../api/types'
import { parseQuantity } from '../../api/quantity'
import { rfc1123z } from '../duration'
import type { PrefixWriter } from './writer'

/**
 * The container sections of `kubectl describe` (`describeContainers` and helpers in kubectl
 * `pkg/describe/describe.go`), shared by pods and pod templates. `space` is `"  "` inside a
 * pod template, which also indents container names by one extra space.
 */
export function describeContainers(label: string, containers: Container[] | undefined, statuses: ContainerStatus[] | undefined, w: PrefixWriter, space: string): void {
  const list = containers ?? []
  const byName = new Map((statuses ?? []).map((s) => [s.name, s]))
  w.write(0, `${space}${label}:${list.length === 0 ? ' <none>' : ''}\n`)
  for (const c of list) {
    const status = statuses ? byName.get(c.name) : undefined
    describeBasicInfo(c, status, space, w)
    describeCommand(c, w)
    if (status) describeState(status, w)
    describeResources(c.resources, w, 2)
    describeProbes(c, w)
    if (c.envFrom?.length) describeEnvFrom(c, w)
    describeEnv(c, w)
    describeMounts(c, w)
  }
}

function describeBasicInfo(c: Container, status: ContainerStatus | undefined, space: string, w: PrefixWriter): void {
  w.write(1, `${space ? ' ' : ''}${c.name}:\n`)
  if (status) w.write(2, `Container ID:\t${status.containerID ?? ''}\n`)
  w.write(2, `Image:\t${c.image ?? ''}\n`)
  if (status) w.write(2, `Image ID:\t${status.imageID ?? ''}\n`)
  const ports = (c.ports ?? []).map((p) => `${p.containerPort}/${p.protocol ?? ''}`).join(', ')
  w.write(2, ports.includes(',') ? `Ports:\t${ports}\n` : `Port:\t${ports || '<none>'}\n`)
  const hostPorts = (c.ports ?? []).map((p) => `${p.hostPort ?? 0}/${p.protocol ?? ''}`).join(', ')
  w.write(2, hostPorts.includes(',') ? `Host Ports:\t${hostPorts}\n` : `Host Port:\t${hostPorts || '<none>'}\n`)
  const seccomp = c.securityContext?.seccompProfile
  if (seccomp) {
    w.write(2, `SeccompProfile:\t${seccomp.type}\n`)
    if (seccomp.type === 'Localhost') w.write(3, `LocalhostProfile:\t${seccomp.localhostProfile ?? ''}\n`)
  }
}

function describeCommand(c: Container, w: PrefixWriter): void {
  if (c.command?.length) {
    w.write(2, 'Command:\n')
    for (const part of c.command) for (const s of String(part).split('\n')) w.write(3, `${s}\n`)
  }
  if (c.args?.length) {
    w.write(2, 'Args:\n')
    for (const part of c.args) for (const s of String(part).split('\n')) w.write(3, `${s}\n`)
  }
}

/** `Quantity.String()`: the canonical form (`1.5Gi` → `1536Mi`); raw text if unparsable. */
export function quantityString(v: unknown): string {
  try {
    return parseQuantity(v as string).canonical
  } catch {
    return String(v)
  }
}

export function describeResources(res: Container['resources'] | undefined, w: PrefixWriter, level: number): void {
  if (!res) return
  for (const [title, list] of [['Limits', res.limits], ['Requests', res.requests]] as const) {
    const names = Object.keys(list ?? {}).sort()
    if (names.length > 0) w.write(level, `${title}:\n`)
    for (const n of names) w.write(level + 1, `${n}:\t${quantityString(list![n])}\n`)
  }
}

function describeState(status: ContainerStatus, w: PrefixWriter): void {
  describeStatus('State', status.state ?? {}, w)
  if (status.lastState?.terminated) describeStatus('Last State', status.lastState, w)
  w.write(2, `Ready:\t${status.ready ? 'True' : 'False'}\n`)
  w.write(2, `Restart Count:\t${status.restartCount ?? 0}\n`)
}

function describeStatus(name: string, state: ContainerState, w: PrefixWriter): void {
  if (state.running) {
    w.write(2, `${name}:\tRunning\n`)
    w.write(3, `Started:\t${rfc1123z(state.running.startedAt)}\n`)
  } else if (state.waiting) {
    w.write(2, `${name}:\tWaiting\n`)
    if (state.waiting.reason) w.write(3, `Reason:\t${state.waiting.reason}\n`)
  } else if (state.terminated) {
    const t = state.terminated as NonNullable<ContainerState['terminated']> & { signal?: number }
    w.write(2, `${name}:\tTerminated\n`)
    if (t.reason) w.write(3, `Reason:\t${t.reason}\n`)
    if (t.message) w.write(3, `Message:\t${t.message}\n`)
    w.write(3, `Exit Code:\t${t.exitCode}\n`)
    if ((t.signal ?? 0) > 0) w.write(3, `Signal:\t${t.signal}\n`)
    w.write(3, `Started:\t${rfc1123z(t.startedAt)}\n`)
    w.write(3, `Finished:\t${rfc1123z(t.finishedAt)}\n`)
  } else w.write(2, `${name}:\tWaiting\n`)
}

interface Probe {
  initialDelaySeconds?: number
  timeoutSeconds?: number
  periodSeconds?: number
  successThreshold?: number
  failureThreshold?: number
  exec?: { command?: string[] }
  httpGet?: { scheme?: string; host?: string; port?: number | string; path?: string }
  tcpSocket?: { host?: string; port?: number | string }
  grpc?: { port?: number; service?: string }
}

/** `DescribeProbe`: `http-get http://:8080/healthz delay=0s timeout=1s period=10s #success=1 #failure=3`. */
export function describeProbe(p: Probe): string {
  const attrs = `delay=${p.initialDelaySeconds ?? 0}s timeout=${p.timeoutSeconds ?? 0}s period=${p.periodSeconds ?? 0}s #success=${p.successThreshold ?? 0} #failure=${p.failureThreshold ?? 0}`
  if (p.exec) return `exec [${(p.exec.command ?? []).join(' ')}] ${attrs}`
  if (p.httpGet) {
    const g = p.httpGet
    const port = g.port === undefined ? '' : String(g.port)
    const host = port ? `${g.host?.includes(':') ? `[${g.host}]` : g.host ?? ''}:${port}` : g.host ?? ''
    return `http-get ${(g.scheme ?? '').toLowerCase()}://${host}${g.path ?? ''} ${attrs}`
  }
  if (p.tcpSocket) return `tcp-socket ${p.tcpSocket.host ?? ''}:${p.tcpSocket.port ?? ''} ${attrs}`
  if (p.grpc) return `grpc <pod>:${p.grpc.port ?? 0} ${p.grpc.service ?? ''} ${attrs}`
  return `unknown ${attrs}`
}

function describeProbes(c: Container, w: PrefixWriter): void {
  if (c.livenessProbe) w.write(2, `Liveness:\t${describeProbe(c.livenessProbe)}\n`)
  if (c.readinessProbe) w.write(2, `Readiness:\t${describeProbe(c.readinessProbe)}\n`)
  if (c.startupProbe) w.write(2, `Startup:\t${describeProbe(c.startupProbe)}\n`)
}

function describeEnvFrom(c: Container, w: PrefixWriter): void {
  w.write(2, 'Environment Variables from:\n')
  for (const e of c.envFrom as { prefix?: string; configMapRef?: { name: string; optional?: boolean }; secretRef?: { name: string; optional?: boolean } }[]) {
    const ref = e.configMapRef ?? e.secretRef
    const from = e.configMapRef ? 'ConfigMap' : e.secretRef ? 'Secret' : ''
    const optional = ref?.optional === true
    if (e.prefix) w.write(3, `${ref?.name ?? ''}\t${from} with prefix '${e.prefix}'\tOptional: ${optional}\n`)
    else w.write(3, `${ref?.name ?? ''}\t${from}\tOptional: ${optional}\n`)
  }
}

function describeEnv(c: Container, w: PrefixWriter): void {
  const env = (c.env ?? []) as { name: string; value?: string; valueFrom?: Record<string, { key?: string; name?: string; fieldPath?: string; apiVersion?: string; resource?: string; optional?: boolean }> }[]
  w.write(2, `Environment:${env.length === 0 ? '\t<none>' : ''}\n`)
  for (const e of env) {
    if (!e.valueFrom) {
      String(e.value ?? '')
        .split('\n')
        .forEach((s, i) => w.write(3, i === 0 ? `${e.name}:\t${s}\n` : `\t${s}\n`))
      continue
    }
    const v = e.valueFrom
    if (v.fieldRef) w.write(3, `${e.name}:\t (${v.fieldRef.apiVersion ?? ''}:${v.fieldRef.fieldPath ?? ''})\n`)
    else if (v.resourceFieldRef) w.write(3, `${e.name}:\t (${v.resourceFieldRef.resource ?? ''})\n`)
    else if (v.secretKeyRef) w.write(3, `${e.name}:\t<set to the key '${v.secretKeyRef.key}' in secret '${v.secretKeyRef.name}'>\tOptional: ${v.secretKeyRef.optional === true}\n`)
    else if (v.configMapKeyRef)
      w.write(3, `${e.name}:\t<set to the key '${v.configMapKeyRef.key}' of config map '${v.configMapKeyRef.name}'>\tOptional: ${v.configMapKeyRef.optional === true}\n`)
  }
}

function describeMounts(c: Container, w: PrefixWriter): void {
  const mounts = [...((c.volumeMounts ?? []) as { name: string; mountPath: string; readOnly?: boolean; subPath?: string }[])].sort((a, b) =>
    a.mountPath < b.mountPath ? -1 : a.mountPath > b.mountPath ? 1 : 0,
  )
  w.write(2, `Mounts:${mounts.length === 0 ? '\t<none>' : ''}\n`)
  for (const m of mounts) {
    const flags = [m.readOnly ? 'ro' : 'rw', ...(m.subPath ? [`path=${JSON.stringify(m.subPath)}`] : [])]
    w.write(3, `${m.mountPath} from ${m.name} (${flags.join(',')})\n`)
  }
}
