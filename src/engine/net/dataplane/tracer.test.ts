import { describe, expect, it } from 'vitest'
import { podYaml, proxyCluster, serviceYaml, webSetup, type ProxyTestCluster } from './testing'
import type { Hop } from './hops'
import type { TraceRequest } from './tracer'

const fromClient = (url: string, extra: Partial<TraceRequest> = {}): TraceRequest => ({ from: 'pod', namespace: 'default', pod: 'client', url, ...extra })
const svcIP = (t: ProxyTestCluster, name: string): string => t.c.api.peek('services', 'default', name)!.spec.clusterIP
const nodePort = (t: ProxyTestCluster, name: string): number => t.c.api.peek('services', 'default', name)!.spec.ports[0].nodePort
const netfilter = (hops: Hop[], node?: string) => hops.filter((h) => h.kind === 'netfilter' && (!node || h.where.node === node))
const NODE_IP = { 'node-1': '172.18.0.2', 'node-2': '172.18.0.3', 'node-3': '172.18.0.4' } as const
const podIP = (t: ProxyTestCluster, name: string, ns = 'default'): string => t.c.api.peek('pods', ns, name)!.status.podIP as string
const esc = (ip: string) => ip.replace(/\./g, '\\.')
/** kubeadm's CoreDNS Deployment's pods (`k8s-app=kube-dns`), as `kube-system/<name>`. */
const coreDnsPods = (t: ProxyTestCluster): string[] =>
  t.c.api.list('pods', 'kube-system').items.filter((p) => p.metadata.labels?.['k8s-app'] === 'kube-dns').map((p) => `kube-system/${p.metadata.name}`)

describe('ClusterIP from a pod (iptables)', () => {
  const t = proxyCluster()
  t.apply(webSetup())

  it('by DNS name: resolved by the cluster DNS, DNATed on the client node by a KUBE-SEP rule, answered by a web pod', () => {
    const r = t.trace(fromClient('http://web'))
    expect(r.code).toBe(0)
    expect(r.response.body).toMatch(/^web-[12]\n$/)
    expect(r.resolved).toEqual({ name: 'web', addresses: [svcIP(t, 'web')] })
    expect(r.hops.some((h) => h.phase === 'dns' && h.text.startsWith('web.default.svc.cluster.local. A? → A '))).toBe(true)
    // The DNS query is DNATed to a CoreDNS pod first; the request's first netfilter hop follows.
    expect(netfilter(r.hops, 'node-3')[0]).toMatchObject({ phase: 'dns', change: { kind: 'DNAT' } })
    const pre = netfilter(r.hops.filter((h) => h.phase === 'request'), 'node-3')[0]
    expect(pre.where).toMatchObject({ table: 'nat', hook: 'PREROUTING' })
    expect(pre.change?.kind).toBe('DNAT')
    expect(pre.change?.from.dst).toMatchObject({ ip: svcIP(t, 'web'), port: 80, ipRole: 'clusterIP', portRole: 'port' })
    expect(pre.change?.to.dst).toMatchObject({ port: 8080, ipRole: 'podIP', portRole: 'targetPort' })
    expect(pre.decisive).toMatchObject({ table: 'nat', index: 2 })
    expect(pre.decisive?.chain).toMatch(/^KUBE-SEP-[A-Z2-7]{16}$/)
    expect(pre.decisive?.line).toMatch(new RegExp(`^-A KUBE-SEP-[A-Z2-7]{16} -p tcp -m comment --comment "default/web" -m tcp -j DNAT --to-destination (${esc(podIP(t, 'web-1'))}|${esc(podIP(t, 'web-2'))}):8080$`))
    expect(pre.rules?.map((x) => x.chain)).toEqual(['PREROUTING', 'KUBE-SERVICES', 'KUBE-SVC-LOLE4ISW44XBNF3G', pre.decisive!.chain].slice(0, pre.rules!.length))
  })

  it('the reply is un-DNATed by conntrack on the client node: the client hears from the ClusterIP', () => {
    const r = t.trace(fromClient('http://web'))
    const last = r.hops[r.hops.length - 1]
    expect(last).toMatchObject({ phase: 'reply', kind: 'socket' })
    expect(last.packet.src).toMatchObject({ ip: svcIP(t, 'web'), port: 80, ipRole: 'clusterIP' })
    const undo = r.hops.find((h) => h.phase === 'reply' && h.change?.kind === 'un-DNAT')
    expect(undo?.where.node).toBe('node-3')
    expect(podIP(t, 'client')).toMatch(/^10\.244\.3\.\d+$/)
    expect(r.response.clientSeenAs).toMatch(new RegExp(`^${esc(podIP(t, 'client'))}:\\d+$`))
  })

  it('by ClusterIP: no DNS query, the same DNAT', () => {
    const r = t.trace(fromClient(`http://${svcIP(t, 'web')}`))
    expect(r.code).toBe(0)
    expect(r.hops.filter((h) => h.phase === 'dns')).toEqual([])
    expect(netfilter(r.hops, 'node-3')[0].change?.kind).toBe('DNAT')
  })

  it('by pod IP: nothing is translated, but the packet still walks all of KUBE-SERVICES on the client node', () => {
    const r = t.trace(fromClient('http://10.244.1.2:8080'))
    expect(r.response.body).toBe('web-1\n')
    expect(r.hops.filter((h) => h.change)).toEqual([])
    const kubeServices = t.proxies.get('node-3')!.kernel.iptables.nat.rules.filter((x) => x.chain === 'KUBE-SERVICES').length
    expect(netfilter(r.hops, 'node-3')[0].cost.rules).toBe(1 + kubeServices)
  })

  it('a Service whose pods do not listen on the targetPort: connection refused by the pod', () => {
    t.apply(serviceYaml('wrongport', { selector: { app: 'web' } }, 9999))
    const r = t.trace(fromClient('http://wrongport'))
    expect(r.code).toBe(7)
    expect(r.response.error?.message).toBe("Failed to connect to wrongport port 80 after 0 ms: Couldn't connect to server")
    expect(r.hops.at(-1)).toMatchObject({ kind: 'deliver', verdict: 'REJECT' })
  })

  it('no endpoints: REJECT in filter FORWARD, curl reports exit 7 at once', () => {
    t.apply(serviceYaml('empty'))
    const ip = svcIP(t, 'empty')
    const r = t.trace(fromClient(`http://${ip}`))
    expect(r.code).toBe(7)
    expect(r.response.error?.message).toBe(`Failed to connect to ${ip} port 80 after 0 ms: Couldn't connect to server`)
    const rej = r.hops.find((h) => h.verdict === 'REJECT' && h.kind === 'netfilter')
    expect(rej?.where).toMatchObject({ node: 'node-3', table: 'filter', hook: 'FORWARD' })
    expect(rej?.decisive?.line).toBe(`-A KUBE-SERVICES -d ${ip}/32 -p tcp -m comment --comment "default/empty has no endpoints" -m tcp --dport 80 -j REJECT --reject-with icmp-port-unreachable`)
  })

  it('keep-alive: the second request on the connection follows conntrack and skips every rule', () => {
    const r = t.trace(fromClient('http://web', { requests: 3 }))
    expect(r.responses.map((x) => x.body)).toEqual([r.responses[0].body, r.responses[0].body, r.responses[0].body])
    const later = r.hops.filter((h) => h.request > 0)
    expect(later.filter((h) => h.kind === 'netfilter')).toEqual([])
    expect(later.some((h) => h.kind === 'conntrack' && h.where.node === 'node-3' && h.change?.kind === 'DNAT')).toBe(true)
    expect(later.reduce((n, h) => n + h.cost.rules, 0)).toBe(0)
  })

  it('https to the kubernetes Service reaches the API server on the control-plane host', () => {
    const r = t.trace(fromClient('https://kubernetes.default', { insecure: true }))
    expect(r.response.status).toBe(403)
    expect(r.response.body).toContain('forbidden: User \\"system:anonymous\\" cannot get path \\"/\\"')
    expect(t.trace(fromClient('https://kubernetes.default')).response.error).toEqual({ code: 60, message: 'SSL certificate problem: unable to get local issuer certificate' })
  })
})

describe('hairpin', () => {
  it.each(['iptables', 'ipvs'] as const)('%s: a pod reaching itself through its Service is masqueraded to the bridge address', (mode) => {
    const t = proxyCluster({ mode })
    t.apply(webSetup())
    let self
    for (let i = 0; i < 20 && !self; i++) {
      const r = t.trace({ from: 'pod', namespace: 'default', pod: 'web-1', url: 'http://web/clientip' })
      if (r.response.servedBy?.name === 'default/web-1') self = r
    }
    expect(self).toBeDefined()
    expect(self!.response.body).toMatch(/^10\.244\.1\.1:\d+\n$/)
    const masq = self!.hops.find((h) => h.change?.kind === 'MASQUERADE')
    expect(masq?.where).toMatchObject({ node: 'node-1', table: 'nat', hook: 'POSTROUTING' })
    expect(masq?.change?.to.src).toMatchObject({ ip: '10.244.1.1', ipRole: 'bridgeIP' })
  })
})

describe('NodePort from outside the cluster', () => {
  it('externalTrafficPolicy=Cluster: any node answers; the pod sees the receiving node (SNAT)', () => {
    const t = proxyCluster()
    t.apply(webSetup({ type: 'NodePort' }))
    const r = t.trace({ from: 'external', url: `http://${NODE_IP['node-3']}:${nodePort(t, 'web')}/clientip` })
    expect(r.code).toBe(0)
    expect(r.response.body).toMatch(/^172\.18\.0\.4:\d+\n$/)
    const pre = netfilter(r.hops, 'node-3')[0]
    expect(pre.change?.from.dst).toMatchObject({ ipRole: 'nodeIP', portRole: 'nodePort' })
    expect(pre.rules?.some((x) => x.chain === 'KUBE-NODEPORTS')).toBe(true)
    expect(r.hops.some((h) => h.change?.kind === 'MASQUERADE' && h.where.node === 'node-3')).toBe(true)
  })

  it('externalTrafficPolicy=Local: the client IP is kept; a node without a local endpoint DROPs (curl times out)', () => {
    const t = proxyCluster()
    t.apply(webSetup({ type: 'NodePort', externalTrafficPolicy: 'Local' }))
    const np = nodePort(t, 'web')
    const ok = t.trace({ from: 'external', url: `http://${NODE_IP['node-1']}:${np}/clientip` })
    expect(ok.response.body).toMatch(/^198\.51\.100\.10:\d+\n$/)
    expect(ok.response.servedBy?.name).toBe('default/web-1')
    const dropped = t.trace({ from: 'external', url: `http://${NODE_IP['node-3']}:${np}`, maxTimeS: 2 })
    expect(dropped.code).toBe(28)
    expect(dropped.response.error?.message).toBe('Connection timed out after 2001 milliseconds')
    const drop = dropped.hops.find((h) => h.verdict === 'DROP')
    expect(drop?.decisive?.line).toContain('"default/web has no local endpoints"')
    const noLimit = t.trace({ from: 'external', url: `http://${NODE_IP['node-3']}:${np}` })
    expect(noLimit.response.error?.message).toMatch(new RegExp(`^Failed to connect to ${NODE_IP['node-3']} port ${np} after 127\\d{3} ms: Couldn't connect to server$`))
  })

  it('IPVS mode, eTP=Local on a node without local endpoints: IPVS falls back to a remote endpoint without SNAT, so the reply bypasses the node and the client never sees it', () => {
    const t = proxyCluster({ mode: 'ipvs' })
    t.apply(webSetup({ type: 'NodePort', externalTrafficPolicy: 'Local' }))
    const np = nodePort(t, 'web')
    const r = t.trace({ from: 'external', url: `http://${NODE_IP['node-3']}:${np}`, maxTimeS: 1 })
    expect(r.code).toBe(28)
    const ipvs = r.hops.find((h) => h.kind === 'ipvs')
    expect(ipvs?.ipvs?.virtualServer).toBe(`TCP ${NODE_IP['node-3']}:${np} rr`)
    expect(ipvs?.ipvs?.realServer).toMatch(/^10\.244\.[12]\.2:8080$/)
    expect(r.hops.some((h) => h.change?.kind === 'MASQUERADE')).toBe(false)
    const back = r.hops.filter((h) => h.phase === 'reply' && h.kind === 'wire')
    expect(back.at(-1)?.where).toMatchObject({ to: 'external' })
    expect(back.at(-1)?.where.from).not.toBe('node-3')
    // On a node with a local endpoint it works and keeps the client IP.
    expect(t.trace({ from: 'external', url: `http://${NODE_IP['node-2']}:${np}/clientip` }).response.body).toMatch(/^198\.51\.100\.10:/)
  })
})

describe('LoadBalancer', () => {
  it('the cloud LB forwards to a node port; with eTP=Local only nodes passing the health check get traffic', () => {
    const t = proxyCluster()
    t.apply(webSetup({ type: 'LoadBalancer', externalTrafficPolicy: 'Local' }))
    const svc = t.c.api.peek('services', 'default', 'web')!
    const lb: string = svc.status.loadBalancer.ingress[0].ip
    expect(svc.spec.healthCheckNodePort).toBeGreaterThan(0)
    for (let i = 0; i < 10; i++) {
      const r = t.trace({ from: 'external', url: `http://${lb}/clientip` })
      expect(r.code).toBe(0)
      expect(r.response.body).toMatch(/^198\.51\.100\.10:\d+\n$/)
      const hop = r.hops.find((h) => h.kind === 'loadbalancer')!
      expect(hop.text).toContain('2 of 3 nodes pass the health check')
      expect(hop.change?.to.dst.portRole).toBe('nodePort')
      expect(r.hops.at(-1)!.packet.src).toMatchObject({ ip: lb, port: 80, ipRole: 'loadBalancerIP' })
    }
  })
})

describe('DNS', () => {
  const t = proxyCluster()
  t.apply(webSetup() + '---\n' + serviceYaml('web-hl', { selector: { app: 'web' }, clusterIP: 'None' }) +
    '---\napiVersion: v1\nkind: Service\nmetadata:\n  name: ext\nspec:\n  type: ExternalName\n  externalName: example.com\n')

  it('a headless Service resolves to the pod IPs and is not proxied', () => {
    const r = t.trace(fromClient('http://web-hl:8080'))
    expect(r.code).toBe(0)
    expect([...r.resolved!.addresses].sort()).toEqual([podIP(t, 'web-1'), podIP(t, 'web-2')].sort())
    expect(r.response.servedBy?.ip).toBe(r.resolved!.addresses[0])
    // Only the DNS query to kube-dns is translated (to a CoreDNS pod and back); the request is not.
    expect(r.hops.filter((h) => h.phase !== 'dns' && h.change)).toEqual([])
    expect(r.hops.filter((h) => h.phase === 'dns' && h.change).map((h) => h.change!.kind)).toEqual(['DNAT', 'un-DNAT'])
  })

  it('an ExternalName Service is only a CNAME: curl fails to resolve the name outside', () => {
    const r = t.trace(fromClient('http://ext'))
    expect(r.code).toBe(6)
    expect(r.response.error?.message).toBe('Could not resolve host: ext')
    expect(r.hops.some((h) => h.phase === 'dns' && h.text.includes('CNAME example.com.'))).toBe(true)
  })

  it('a name that does not exist walks the whole search list', () => {
    const r = t.trace(fromClient('http://nope'))
    expect(r.code).toBe(6)
    expect(r.hops.filter((h) => h.phase === 'dns' && h.text.includes('A? → NXDOMAIN')).map((h) => h.text.split(' ')[0]))
      .toEqual(['nope.default.svc.cluster.local.', 'nope.svc.cluster.local.', 'nope.cluster.local.', 'nope.'])
  })

  it('from a node, cluster names do not resolve (the node uses its upstream resolver)', () => {
    expect(t.trace({ from: 'node', node: 'node-1', url: 'http://web.default.svc.cluster.local' }).code).toBe(6)
    expect(t.trace({ from: 'node', node: 'node-1', url: `http://${svcIP(t, 'web')}` }).code).toBe(0)
  })
})

describe('DNS through CoreDNS pods', () => {
  const coredns = (name: string, node: string, image = 'registry.k8s.io/coredns/coredns:v1.11.3') => `apiVersion: v1
kind: Pod
metadata:
  name: ${name}
  namespace: kube-system
  labels:
    k8s-app: kube-dns
spec:
  nodeName: ${node}
  containers:
  - name: coredns
    image: ${image}
    ports:
    - {name: dns, containerPort: 53, protocol: UDP}
    - {name: dns-tcp, containerPort: 53, protocol: TCP}
`

  it('queries are UDP packets DNATed to a CoreDNS pod by the client node\'s rules; conntrack keeps the flow', () => {
    // The default cluster's CoreDNS Deployment answers.
    const t = proxyCluster()
    t.apply(webSetup())
    const dnsPods = coreDnsPods(t)
    expect(dnsPods).toHaveLength(2)
    const r = t.trace(fromClient('http://web'))
    expect(r.code).toBe(0)
    const dns = r.hops.filter((h) => h.phase === 'dns')
    const dnat = dns.find((h) => h.change?.kind === 'DNAT')!
    expect(dnat.where).toMatchObject({ node: 'node-3', table: 'nat', hook: 'PREROUTING' })
    expect(dnat.packet).toMatchObject({ proto: 'udp', dst: { port: 53, ipRole: 'podIP' } })
    expect(dnat.change?.from.dst).toMatchObject({ ip: '10.96.0.10', ipRole: 'dnsServer', portRole: 'port' })
    expect(dns.filter((h) => h.kind === 'deliver').map((h) => dnsPods.includes(h.where.pod!))).toEqual([true])
    // The answer comes back through conntrack on the client node: un-DNAT to 10.96.0.10.
    expect(dns.some((h) => h.where.node === 'node-3' && h.change?.kind === 'un-DNAT' && h.packet.src.ip === '10.96.0.10')).toBe(true)
    expect(dns.at(-1)?.text).toMatch(/^web\.default\.svc\.cluster\.local\. A\? → A /)
  })

  it('with no ready CoreDNS the kube-dns rules REJECT and names stop resolving', () => {
    const t = proxyCluster()
    // Scale kubeadm's CoreDNS away, then run one whose image does not exist: the pod never runs,
    // so kube-dns has a not-ready endpoint only.
    expect(t.c.kubectl('scale deploy coredns -n kube-system --replicas=0').code).toBe(0)
    t.apply(webSetup() + '---\n' + coredns('coredns-b', 'node-2', 'registry.k8s.io/coredns/coredns:does-not-exist'))
    expect(coreDnsPods(t)).toEqual(['kube-system/coredns-b'])
    const r = t.trace(fromClient('http://web'))
    expect(r.code).toBe(6)
    expect(r.hops.some((h) => h.phase === 'dns' && h.verdict === 'REJECT' && h.decisive?.line.includes('"kube-system/kube-dns:dns has no endpoints"'))).toBe(true)
    expect(t.trace(fromClient(`http://${svcIP(t, 'web')}`)).code).toBe(0)
  })
})

describe('determinism', () => {
  it('the same seed and commands give the same hops', () => {
    const run = () => {
      const t = proxyCluster({ seed: 7 })
      t.apply(webSetup({ type: 'NodePort' }))
      return [t.trace(fromClient('http://web')), t.trace({ from: 'external', url: `http://${NODE_IP['node-2']}:${nodePort(t, 'web')}` })].map((r) => JSON.stringify(r.hops))
    }
    expect(run()).toEqual(run())
  })

  it('pod placement in the test fixtures is as declared', () => {
    const t = proxyCluster()
    t.apply(podYaml('solo', 'node-2', { app: 'solo' }, { port: 8080 }))
    expect(t.c.api.peek('pods', 'default', 'solo')!.status.podIP).toMatch(/^10\.244\.2\./)
  })
})
