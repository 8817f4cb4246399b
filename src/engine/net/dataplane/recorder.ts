import type { Packet } from '../../proxy/iptables/match'
import { NO_COST, type Hop, type HopCost, type PacketView } from './hops'
import type { AddressRoles } from './roles'

/**
 * Collects the hops of one trace in order. The walk code says where it is and what happened;
 * the recorder numbers the hops, stamps the phase and the request index, and labels every
 * address with its role. `muted` walks (the second and later DNS queries of a search list)
 * still move packets and conntrack but leave no hops.
 */
export type HopInput = Omit<Hop, 'seq' | 'request' | 'phase' | 'cost' | 'packet'> & { packet: Packet; cost?: Partial<HopCost> }

export class HopRecorder {
  readonly hops: Hop[] = []
  phase: Hop['phase'] = 'request'
  request = 0
  muted = false

  constructor(readonly roles: AddressRoles) {}

  view(p: Packet): PacketView {
    return { proto: p.proto, src: this.roles.addr(p.src, p.sport), dst: this.roles.addr(p.dst, p.dport) }
  }

  add(h: HopInput): Hop | undefined {
    if (this.muted) return undefined
    const { packet, cost, ...rest } = h
    const hop: Hop = { seq: this.hops.length, request: this.request, phase: this.phase, ...rest, packet: this.view(packet), cost: { ...NO_COST, ...cost } }
    this.hops.push(hop)
    return hop
  }

  /** Run `fn` with hops suppressed. */
  quietly<T>(fn: () => T): T {
    const was = this.muted
    this.muted = true
    try {
      return fn()
    } finally {
      this.muted = was
    }
  }
}

/** `ip:port → ip:port` for hop texts. */
export function flowText(p: Packet): string {
  return `${p.src}:${p.sport} → ${p.dst}:${p.dport}`
}
