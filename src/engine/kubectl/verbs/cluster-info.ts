import type { Command } from '../command'
import { KubectlError } from '../errors'
import { ACTOR } from '../resources'

/**
 * `kubectl cluster-info` (kubectl `pkg/cmd/clusterinfo/clusterinfo.go`): the control plane
 * address, then one line per Service labelled `kubernetes.io/cluster-service=true` in
 * kube-system — named by its `kubernetes.io/name` label, linked through the API server's
 * service proxy (`…/services/kube-dns:dns/proxy`, the first port's name after a colon). kubectl
 * colours the names green and the links yellow on a terminal; the console shows plain text.
 * `cluster-info dump` is not simulated.
 */
export const CONTROL_PLANE_URL = 'https://172.18.0.1:6443'

export const clusterInfoCommand: Command = {
  name: 'cluster-info',
  short: 'Display cluster information',
  use: 'kubectl cluster-info [flags]',
  flags: [],
  run(ctx) {
    if (ctx.args[0] === 'dump') throw new KubectlError("the playground's kubectl does not simulate 'cluster-info dump'; use 'kubectl get', 'describe' and the event log")
    const ns = ctx.explicitNamespace ? ctx.namespace : 'kube-system'
    let out = `Kubernetes control plane is running at ${CONTROL_PLANE_URL}\n`
    const services = ctx.host.ctx.api.list('services', ns, { actor: ACTOR }).items.filter((s) => s.metadata.labels?.['kubernetes.io/cluster-service'] === 'true')
    for (const svc of services) {
      let link: string
      const ingress = svc.status?.loadBalancer?.ingress?.[0]
      if (ingress) {
        const ip = ingress.ip || ingress.hostname
        link = (svc.spec?.ports ?? []).map((p: { port: number }) => `http://${ip}:${p.port} `).join('')
      } else {
        let name = svc.metadata.name ?? ''
        const port = svc.spec?.ports?.[0]
        if (port) {
          // `JoinSchemeNamePort`: https is guessed from the port name or 443.
          const scheme = port.name === 'https' || port.port === 443 ? 'https' : ''
          name = joinSchemeNamePort(scheme, name, port.name ?? '')
        }
        link = `${CONTROL_PLANE_URL}/api/v1/namespaces/${svc.metadata.namespace}/services/${name}/proxy`
      }
      out += `${svc.metadata.labels?.['kubernetes.io/name'] || svc.metadata.name} is running at ${link}\n`
    }
    ctx.out.out(out + "\nTo further debug and diagnose cluster problems, use 'kubectl cluster-info dump'.\n")
  },
}

/** apimachinery `net.JoinSchemeNamePort`: `scheme:name:port`, `name:port` or `name`. */
function joinSchemeNamePort(scheme: string, name: string, port: string): string {
  if (scheme) return `${scheme}:${name}:${port}`
  if (port) return `${name}:${port}`
  return name
}
