import type { KObject } from '../api/types'

/**
 * A container's environment as the kubelet builds it (`pkg/kubelet/kubelet_pods.go`
 * makeEnvironmentVariables, `pkg/kubelet/envvars/envvars.go` FromServices): the container's
 * own `env`, and for every Service with a ClusterIP in the pod's namespace (only the
 * `kubernetes` Service when `enableServiceLinks: false`) the `<NAME>_SERVICE_HOST/PORT` and
 * Docker-link variables. The list is fixed when the container starts, so a Service created
 * later is missing until the pod restarts — the reason to use DNS instead.
 *
 * @example
 *   serviceEnv([web])   // WEB_SERVICE_HOST=10.96.45.12, WEB_SERVICE_PORT=80, WEB_PORT=tcp://10.96.45.12:80, …
 */

export const DEFAULT_PATH = '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin'

/** `makeEnvVariableName`: upper case, `-` → `_`. */
export function envName(s: string): string {
  return s.replace(/-/g, '_').toUpperCase()
}

export function serviceEnv(services: readonly KObject[]): [string, string][] {
  const out: [string, string][] = []
  for (const svc of services) {
    const ip: string | undefined = svc.spec?.clusterIP
    const ports: { name?: string; port: number; protocol?: string }[] = svc.spec?.ports ?? []
    if (!ip || ip === 'None' || !ports.length) continue
    const prefix = envName(svc.metadata.name ?? '')
    out.push([`${prefix}_SERVICE_HOST`, ip])
    out.push([`${prefix}_SERVICE_PORT`, String(ports[0].port)])
    for (const p of ports) if (p.name) out.push([`${prefix}_SERVICE_PORT_${envName(p.name)}`, String(p.port)])
    ports.forEach((p, i) => {
      const proto = (p.protocol ?? 'TCP').toLowerCase()
      const url = `${proto}://${ip}:${p.port}`
      if (i === 0) out.push([`${prefix}_PORT`, url])
      const pp = `${prefix}_PORT_${p.port}_${proto.toUpperCase()}`
      out.push([pp, url], [`${pp}_PROTO`, proto], [`${pp}_PORT`, String(p.port)], [`${pp}_ADDR`, ip])
    })
  }
  return out
}

/**
 * The Services whose variables a container gets: `kubernetes` (default namespace, always),
 * and the pod's namespace's when service links are on — those that existed when it started.
 */
export function linkedServices(pod: KObject, services: readonly KObject[], startedAtMs: number, parse: (ts?: string) => number | undefined): KObject[] {
  const ns = pod.metadata.namespace ?? 'default'
  const links = pod.spec?.enableServiceLinks !== false
  const byName = new Map<string, KObject>()
  const sorted = [...services].sort((a, b) => (a.metadata.name ?? '').localeCompare(b.metadata.name ?? ''))
  for (const s of sorted) {
    const created = parse(s.metadata.creationTimestamp) ?? 0
    if (created > startedAtMs) continue
    const name = s.metadata.name ?? ''
    if (s.metadata.namespace === 'default' && name === 'kubernetes') {
      if (!byName.has(name)) byName.set(name, s)
    } else if (s.metadata.namespace === ns && links) byName.set(name, s)
  }
  return [...byName.values()]
}

/** `fieldRef` values the kubelet resolves (downward API). */
function fieldRef(pod: KObject, path: string): string {
  switch (path) {
    case 'metadata.name': return pod.metadata.name ?? ''
    case 'metadata.namespace': return pod.metadata.namespace ?? 'default'
    case 'metadata.uid': return pod.metadata.uid ?? ''
    case 'spec.nodeName': return pod.spec?.nodeName ?? ''
    case 'spec.serviceAccountName': return pod.spec?.serviceAccountName ?? 'default'
    case 'status.podIP': return pod.status?.podIP ?? ''
    case 'status.hostIP': return pod.status?.hostIP ?? ''
    default: return ''
  }
}

/** The whole environment `env` prints: PATH, HOSTNAME, the container's env, the service variables, HOME. */
export function containerEnv(pod: KObject, container: string, hostname: string, services: KObject[]): [string, string][] {
  const c = (pod.spec?.containers ?? []).find((x: { name: string }) => x.name === container)
  const own: [string, string][] = []
  for (const e of c?.env ?? []) {
    if (e.value !== undefined) own.push([e.name, String(e.value)])
    else if (e.valueFrom?.fieldRef?.fieldPath) own.push([e.name, fieldRef(pod, e.valueFrom.fieldRef.fieldPath)])
  }
  const ownNames = new Set(own.map(([k]) => k))
  const svc = serviceEnv(services).filter(([k]) => !ownNames.has(k))
  return [['PATH', DEFAULT_PATH], ['HOSTNAME', hostname], ...own, ...svc, ['HOME', '/root']]
}
