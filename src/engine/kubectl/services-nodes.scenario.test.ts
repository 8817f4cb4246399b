import { describe, expect, it } from 'vitest'
import type { Pod } from '../api/types'
import { createCluster } from '../cluster'
import { runKubectl } from './kubectl'
import { watchLines } from './printers/watch'

const RS = `apiVersion: apps/v1
kind: ReplicaSet
metadata:
  name: web
  labels:
    app: web
spec:
  replicas: 3
  selector:
    matchLabels:
      app: web
  template:
    metadata:
      labels:
        app: web
    spec:
      containers:
      - name: nginx
        image: nginx:1.27
        ports:
        - containerPort: 80
`

describe('services and nodes against a whole simulated cluster', () => {
  it('the default cluster: the kubernetes and kube-dns Services, their Endpoints and slices', () => {
    const c = createCluster({ seed: 1 })
    // AGE is however long the new cluster took to settle (nodes Ready, first kube-proxy sync).
    const age = `${Math.floor(c.now() / 1000)}s`
    expect(c.kubectl('get svc -A').stdout).toBe(
      [
        'NAMESPACE     NAME         TYPE        CLUSTER-IP   EXTERNAL-IP   PORT(S)                  AGE',
        `default       kubernetes   ClusterIP   10.96.0.1    <none>        443/TCP                  ${age}`,
        `kube-system   kube-dns     ClusterIP   10.96.0.10   <none>        53/UDP,53/TCP,9153/TCP   ${age}`,
        '',
      ].join('\n'),
    )
    // kubeadm's CoreDNS Deployment runs two pods behind kube-dns. kubectl's formatEndpoints
    // walks subsets → ports → addresses (sorted by IP by the endpoints controller) and stops at 3.
    const dns = (c.api.list('pods', 'kube-system').items as Pod[]).filter((p) => p.metadata.labels?.['k8s-app'] === 'kube-dns')
    expect(dns.map((p) => p.status?.phase)).toEqual(['Running', 'Running'])
    const [a, b] = dns.map((p) => p.status!.podIP!).sort()
    const dnsEps = `${a}:53,${b}:53,${a}:53 + 3 more...`
    expect(c.kubectl('get ep -A').stdout).toBe(
      [
        `NAMESPACE     NAME         ENDPOINTS${' '.repeat(dnsEps.length - 9)}   AGE`,
        `default       kubernetes   172.18.0.1:6443${' '.repeat(dnsEps.length - 15)}   ${age}`,
        `kube-system   kube-dns     ${dnsEps}   ${age}`,
        '',
      ].join('\n'),
    )
    const either = (x: string, y: string) => `(?:${x.replace(/\./g, '\\.')},${y.replace(/\./g, '\\.')}|${y.replace(/\./g, '\\.')},${x.replace(/\./g, '\\.')})`
    expect(c.kubectl('get endpointslices -n kube-system').stdout).toMatch(
      new RegExp(`^NAME {13}ADDRESSTYPE {3}PORTS {8}ENDPOINTS {15}AGE\\nkube-dns-\\w{5} {3}IPv4 {10}53,53,9153 {3}${either(a, b)} {3}\\d+s\\n$`),
    )
    expect(c.kubectl('describe svc kube-dns -n kube-system').stdout).toMatch(
      new RegExp(
        `Port: {21}dns  53/UDP\\nTargetPort: {15}53/UDP\\nEndpoints: {16}${either(`${a}:53`, `${b}:53`)}\\nPort: {21}dns-tcp  53/TCP\\n[^]*` +
          `Port: {21}metrics  9153/TCP\\nTargetPort: {15}9153/TCP\\nEndpoints: {16}${either(`${a}:9153`, `${b}:9153`)}\\n`,
      ),
    )

    // With CoreDNS scaled to 0 the controller keeps a placeholder slice with neither ports nor endpoints.
    expect(c.kubectl('scale deploy coredns -n kube-system --replicas=0').stdout).toBe('deployment.apps/coredns scaled\n')
    c.settle(60_000)
    const age0 = `${Math.floor(c.now() / 1000)}s`
    expect(c.kubectl('get ep -A').stdout).toBe(
      ['NAMESPACE     NAME         ENDPOINTS         AGE', `default       kubernetes   172.18.0.1:6443   ${age0}`, `kube-system   kube-dns     <none>            ${age0}`, ''].join('\n'),
    )
    expect(c.kubectl('get endpointslices -n kube-system').stdout).toMatch(/^NAME {13}ADDRESSTYPE {3}PORTS {5}ENDPOINTS {3}AGE\nkube-dns-\w{5} {3}IPv4 {10}<unset> {3}<unset> {5}\d+s\n$/)
    expect(c.kubectl('describe svc kube-dns -n kube-system').stdout).toContain(
      'Port:                     dns  53/UDP\nTargetPort:               53/UDP\nEndpoints:                \nPort:                     dns-tcp  53/TCP\n',
    )
  })

  it('expose a ReplicaSet, follow its endpoints, read metrics, drain and taint nodes, watch the pods', () => {
    const c = createCluster({ seed: 1 })
    expect(c.kubectl('apply -f -', RS).code).toBe(0)
    expect(c.kubectl('expose rs web --port=80 --type=NodePort')).toEqual({ code: 0, stdout: 'service/web exposed\n', stderr: '' })
    c.settle(120_000)
    // AGE: now minus the (whole-second) creationTimestamp the Service and its Endpoints share.
    const created = c.clock.parse(c.api.get('services', 'default', 'web', { actor: 'test' }).metadata.creationTimestamp as string)!
    const webAge = `${Math.floor((c.now() - created) / 1000)}s`
    expect(webAge).not.toBe('0s')
    const podIPs = (c.api.list('pods', 'default').items as Pod[]).map((p) => `${p.status?.podIP}:80`).sort()
    expect(c.kubectl('get ep web --no-headers').stdout).toBe(`web   ${podIPs.join(',')}   ${webAge}\n`)
    expect(c.kubectl('get svc web --no-headers').stdout).toMatch(new RegExp(`^web {3}NodePort {3}10\\.\\d+\\.\\d+\\.\\d+ {3}<none> {3}80:3\\d{4}/TCP {3}${webAge}\\n$`))
    const described = c.kubectl('describe svc web').stdout
    for (const ip of podIPs) expect(described).toContain(ip)

    // metrics-server needs a whole scrape window before pods have metrics.
    expect(c.kubectl('top pods').stderr).toBe('error: metrics not available yet\n')
    c.advance(30_000)
    expect(c.kubectl('top pods --no-headers').stdout.trim().split('\n')).toHaveLength(3)
    expect(c.kubectl('top nodes').stdout).toMatch(/^NAME {5}CPU\(cores\) {3}CPU\(%\) {3}MEMORY\(bytes\) {3}MEMORY\(%\) {3}\n(node-\d {3}\d\dm {10}[01]% {7}5\d\dMi {11}6% {10}\n){3}$/)

    // Drain the node with a web pod: it is evicted and replaced elsewhere.
    const victim = (c.api.list('pods', 'default').items as Pod[])[0]
    const node = victim.spec.nodeName!
    // Every pod on the node is evicted, CoreDNS's too (kube-system sorts after default).
    const onNode = (c.api.list('pods').items as Pod[]).filter((p) => p.spec.nodeName === node)
    expect(onNode.map((p) => p.metadata.namespace)).toEqual(['default', 'kube-system'])
    const drained = c.kubectl(`drain ${node}`)
    expect(drained).toEqual({
      code: 0,
      stdout: [
        `node/${node} cordoned`,
        ...onNode.map((p) => `evicting pod ${p.metadata.namespace}/${p.metadata.name}`),
        ...onNode.map((p) => `pod/${p.metadata.name} evicted`),
        `node/${node} drained`,
        '',
      ].join('\n'),
      stderr: '',
    })
    c.settle(120_000)
    const after = c.api.list('pods', 'default').items as Pod[]
    expect(after).toHaveLength(3)
    expect(after.every((p) => p.spec.nodeName !== node)).toBe(true)
    const dnsAfter = (c.api.list('pods', 'kube-system').items as Pod[]).filter((p) => p.metadata.labels?.['k8s-app'] === 'kube-dns')
    expect(dnsAfter).toHaveLength(2)
    expect(dnsAfter.every((p) => p.spec.nodeName && p.spec.nodeName !== node)).toBe(true)
    expect(c.kubectl(`get node ${node} --no-headers`).stdout).toMatch(new RegExp(`^${node} +Ready,SchedulingDisabled `))
    expect(c.kubectl(`uncordon ${node}`).stdout).toBe(`node/${node} uncordoned\n`)

    // A NoSchedule taint keeps new pods off node-2.
    expect(c.kubectl('taint nodes node-2 dedicated=db:NoSchedule').stdout).toBe('node/node-2 tainted\n')
    const before = new Set(after.map((p) => p.metadata.name))
    c.kubectl('scale rs web --replicas=6')
    c.settle(120_000)
    const added = (c.api.list('pods', 'default').items as Pod[]).filter((p) => !before.has(p.metadata.name))
    expect(added).toHaveLength(3)
    expect(added.every((p) => p.spec.nodeName && p.spec.nodeName !== 'node-2')).toBe(true)

    // get -w: the worker feeds each diff's changed objects to watchLines.
    // Cluster.kubectl's ExecResult does not carry `watch` (yet): ask runKubectl directly.
    const w = runKubectl(c, 'get pods -w').watch!
    const rev = c.etcd.revision()
    c.kubectl('scale rs web --replicas=7')
    c.settle(60_000)
    const changed = c.changesSince(rev).filter((e) => e.key.startsWith('/registry/pods/'))
    const lines = changed.flatMap((e) => watchLines(c, w, [e.object]))
    const newPod = changed[0].object.metadata.name!
    expect(lines[0]).toMatch(new RegExp(`^${newPod} +0/1 +Pending +0 +\\d+s$`))
    expect(lines.at(-1)).toMatch(new RegExp(`^${newPod} +1/1 +Running +0 +\\d+s$`))
    expect(lines.some((l) => / ContainerCreating /.test(l))).toBe(true)
  })

  it('the same seed and commands print the same bytes', () => {
    const run = () => {
      const c = createCluster({ seed: 3 })
      c.kubectl('apply -f -', RS)
      c.kubectl('create service nodeport web --tcp=80')
      c.settle(60_000)
      c.advance(45_000)
      return ['get svc', 'get ep', 'describe svc web', 'top nodes', 'top pods', 'drain node-3'].map((l) => c.kubectl(l).stdout).join('')
    }
    expect(run()).toBe(run())
  })
})
