import { hexDigest } from '../kubelet/hex'
import { ipAddrShowKubeIpvs0 } from '../proxy/ipvs/print'
import { ADDRESS_PLAN, formatIPv4, parseCidr } from '../net/addresses'
import { NODE_GATEWAY, type Topology } from '../net/dataplane/topology'
import { fail, ok, type Command } from './script'

/**
 * `ip addr` and `ip route` (iproute2) for a node — lo, eth0 on kind's network, the cni0 bridge
 * holding the pods' gateway, one veth per pod, and in IPVS mode the DOWN dummy `kube-ipvs0`
 * carrying every ClusterIP — for a pod's network namespace, and for the outside host.
 * Note what is missing in iptables mode: no interface anywhere holds a ClusterIP.
 */

export interface Iface {
  name: string
  /** The first line after the name: flags, mtu, qdisc, state … as iproute2 prints them. */
  head: string
  link: string
  inet: { cidr: string; brd?: string; scope: string }[]
  raw?: string
}

const LO: Iface = {
  name: 'lo', head: '<LOOPBACK,UP,LOWER_UP> mtu 65536 qdisc noqueue state UNKNOWN group default qlen 1000',
  link: 'link/loopback 00:00:00:00:00:00 brd 00:00:00:00:00:00', inet: [{ cidr: '127.0.0.1/8', scope: 'host lo' }],
}

function mac(seed: string): string {
  const h = hexDigest(seed, 12)
  // Locally administered, unicast.
  const first = ((parseInt(h.slice(0, 2), 16) & 0xfc) | 0x02).toString(16).padStart(2, '0')
  return [first, ...h.slice(2).match(/../g)!].join(':')
}

function broadcast(cidr: string): string {
  const c = parseCidr(cidr)
  return c ? formatIPv4((c.base + c.size - 1) >>> 0) : ''
}

function printIface(i: Iface, index: number): string {
  if (i.raw) return i.raw
  const lines = [`${index}: ${i.name}: ${i.head}`, `    ${i.link}`]
  for (const a of i.inet) {
    lines.push(`    inet ${a.cidr}${a.brd ? ` brd ${a.brd}` : ''} scope ${a.scope}`)
    lines.push('       valid_lft forever preferred_lft forever')
  }
  return lines.join('\n') + '\n'
}

/** A docker-style MAC for eth0 on kind's network: 02:42 then the IPv4 address. */
function dockerMac(ip: string): string {
  return ['02', '42', ...ip.split('.').map((x) => Number(x).toString(16).padStart(2, '0'))].join(':')
}

export function nodeInterfaces(topo: Topology, node: string): Iface[] {
  const k = topo.kernel(node)
  const netBits = parseCidr(ADDRESS_PLAN.nodeNetwork)?.bits ?? 16
  const ifaces: Iface[] = [LO, {
    name: 'eth0@if' + (10 + topo.nodes().indexOf(node)), head: '<BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc noqueue state UP group default ',
    link: `link/ether ${dockerMac(k.ip)} brd ff:ff:ff:ff:ff:ff link-netnsid 0`,
    inet: [{ cidr: `${k.ip}/${netBits}`, brd: broadcast(`${k.ip}/${netBits}`), scope: 'global eth0' }],
  }, {
    name: 'cni0', head: '<BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc noqueue state UP group default qlen 1000',
    link: `link/ether ${mac(`${node}/cni0`)} brd ff:ff:ff:ff:ff:ff`,
    inet: [{ cidr: `${k.bridgeIP()}/${k.podCIDR.split('/')[1]}`, brd: broadcast(k.podCIDR), scope: 'global cni0' }],
  }]
  const runtime = topo.host.kubelets.get(node)?.runtime
  for (const uid of runtime?.podUids() ?? []) {
    const sb = runtime?.pod(uid)?.sandbox
    if (!sb) continue
    ifaces.push({
      name: `veth${hexDigest(sb.id, 8)}@if2`, head: '<BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc noqueue master cni0 state UP group default ',
      link: `link/ether ${mac(sb.id)} brd ff:ff:ff:ff:ff:ff link-netns cni-${hexDigest(uid, 8)}-${hexDigest(uid + 'ns', 4)}`, inet: [],
    })
  }
  if (k.ipvs) ifaces.push({ name: 'kube-ipvs0', head: '', link: '', inet: [], raw: ipAddrShowKubeIpvs0(k.ipvs, { index: ifaces.length + 1, mac: mac(`${node}/kube-ipvs0`) }) })
  return ifaces
}

export function nodeRoutes(topo: Topology, node: string): string {
  const k = topo.kernel(node)
  const lines = [`default via ${NODE_GATEWAY} dev eth0 `]
  for (const other of topo.nodes()) {
    const peer = topo.kernel(other)
    if (other === node) lines.push(`${k.podCIDR} dev cni0 proto kernel scope link src ${k.bridgeIP()} `)
    else lines.push(`${peer.podCIDR} via ${peer.ip} dev eth0 `)
  }
  lines.push(`${ADDRESS_PLAN.nodeNetwork} dev eth0 proto kernel scope link src ${k.ip} `)
  return lines.join('\n') + '\n'
}

export function podInterfaces(ip: string, podCIDR: string, ifIndex: number, seed: string): Iface[] {
  const bits = podCIDR.split('/')[1]
  return [LO, {
    name: `eth0@if${ifIndex}`, head: '<BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc noqueue state UP group default qlen 1000',
    link: `link/ether ${mac(seed)} brd ff:ff:ff:ff:ff:ff link-netnsid 0`,
    inet: [{ cidr: `${ip}/${bits}`, brd: broadcast(podCIDR), scope: 'global eth0' }],
  }]
}

export function podRoutes(ip: string, podCIDR: string, gateway: string): string {
  return `default via ${gateway} dev eth0 \n${podCIDR} dev eth0 proto kernel scope link src ${ip} \n`
}

/** `ip [-4] addr|a [show [dev] IFACE]`, `ip route|r [show]`. */
export function ipCommand(interfaces: () => Iface[], routes: () => string): Command {
  return (argv) => {
    const args = argv.filter((a) => a !== '-4' && a !== '-o')
    const obj = args[0] ?? ''
    if (!obj) return fail('Usage: ip [ OPTIONS ] OBJECT { COMMAND | help }', 255)
    if ('address'.startsWith(obj) || obj === 'addr') {
      const rest = args.slice(1).filter((a) => a !== 'show' && a !== 'list' && a !== 'dev')
      const ifaces = interfaces()
      const all = ifaces.map((i, n) => ({ i, n: n + 1 }))
      const pick = rest[0] ? all.filter(({ i }) => i.name.split('@')[0] === rest[0]) : all
      if (rest[0] && !pick.length) return fail(`Device "${rest[0]}" does not exist.`, 1)
      return ok(pick.map(({ i, n }) => printIface(i, n)).join(''))
    }
    if ('route'.startsWith(obj)) return ok(routes())
    return fail(`Object "${obj}" is unknown, try "ip help".`, 1)
  }
}
