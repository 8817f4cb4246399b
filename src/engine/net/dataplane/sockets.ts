import type { RuntimeContainer } from '../../kubelet/containers'
import type { HttpAnswer as RuntimeHttpAnswer } from '../../kubelet/container-process'
import { ADDRESS_PLAN } from '../addresses'
import type { HttpAnswer } from './kernel'
import { Topology, type PodSite } from './topology'

/**
 * Who is listening at an address: the containers of a pod (the node's container runtime and
 * its process model — the same one the kubelet's probes reach, so a request and a probe always
 * agree), the node's own daemons (kube-proxy's health servers, the kubelet), the API server on
 * the control-plane host.
 *
 * @example
 *   podListener(topo, topo.podAt('10.244.2.7')!, 8080)   // { container: 'web', answer(…) } or undefined (RST)
 */

export interface PodListener {
  site: PodSite
  container: RuntimeContainer
  /** The hostname the server reports (agnhost serve-hostname style). */
  hostname: string
  /** Not an HTTP server (redis): an HTTP request gets the connection closed (curl: (52)). */
  http: boolean
  /** The container's answer to `GET path` from `from` (it also writes the server's access log). */
  answer(path: string, from: string, userAgent: string): RuntimeHttpAnswer | undefined
}

/** The container of a live pod listening on `port`, or undefined (the kernel answers RST / ICMP). */
export function podListener(topo: Topology, site: PodSite, port: number): PodListener | undefined {
  const runtime = topo.host.kubelets.get(site.node)?.runtime
  if (!runtime?.listening(site.pod.uid, port)) return undefined
  for (const c of site.pod.containers.values()) {
    if (c.state !== 'running' || !c.proc?.listens(port)) continue
    return {
      site, container: c, hostname: Topology.hostname(site.obj, site.pod.name ?? site.pod.uid),
      http: !(c.behaviour.kind === 'server' && c.behaviour.server === 'redis'),
      answer: (path, from, ua) => runtime.http(site.pod.uid, port, path, from, ua),
    }
  }
  return undefined
}

/** A daemon on a host (node or control plane) that answers HTTP. */
export interface HostListener {
  host: string
  process: 'kube-proxy' | 'kubelet' | 'kube-apiserver'
  /** TLS-only servers: a plain-HTTP request gets 400, a client without -k fails verification. */
  tls: boolean
  answer(path: string): HttpAnswer
}

/** `Client sent an HTTP request to an HTTPS server.` — Go's net/http on a TLS port. */
export const PLAIN_HTTP_TO_TLS: HttpAnswer = {
  status: 400, headers: [['Content-Type', 'text/plain; charset=utf-8'], ['Connection', 'close']], body: 'Client sent an HTTP request to an HTTPS server.\n',
}

/** kube-apiserver's answer to an anonymous request (anonymous auth on, RBAC denies `/`). */
function apiserverForbidden(path: string): HttpAnswer {
  const body = [
    '{', '  "kind": "Status",', '  "apiVersion": "v1",', '  "metadata": {},', '  "status": "Failure",',
    `  "message": "forbidden: User \\"system:anonymous\\" cannot get path \\"${path}\\"",`,
    '  "reason": "Forbidden",', '  "details": {},', '  "code": 403', '}',
  ].join('\n')
  return { status: 403, headers: [['Audit-Id', '00000000-0000-0000-0000-000000000000'], ['Cache-Control', 'no-cache, private'], ['Content-Type', 'application/json'], ['X-Content-Type-Options', 'nosniff']], body: body + '\n' }
}

/** What listens on a node's own address: kube-proxy's health servers while it runs, and the kubelet on 10250. */
export function nodeListener(topo: Topology, node: string, port: number, proto: string): HostListener | undefined {
  if (proto !== 'tcp') return undefined
  const proc = topo.kernel(node).process
  if (proc) {
    const probe = proc.http(port, '/healthz')
    if (probe) return { host: node, process: 'kube-proxy', tls: false, answer: (path) => proc.http(port, path) ?? probe }
  }
  if (port === 10250 && topo.host.kubelets.get(node)?.running())
    return { host: node, process: 'kubelet', tls: true, answer: () => ({ status: 401, headers: [['Content-Type', 'text/plain; charset=utf-8']], body: 'Unauthorized' }) }
  return undefined
}

/** The API server on the control-plane host (the `kubernetes` Service's endpoint). */
export function controlPlaneListener(port: number, proto: string): HostListener | undefined {
  if (proto !== 'tcp' || port !== ADDRESS_PLAN.apiserverPort) return undefined
  return { host: 'control-plane', process: 'kube-apiserver', tls: true, answer: apiserverForbidden }
}
