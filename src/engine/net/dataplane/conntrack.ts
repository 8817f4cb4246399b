/**
 * One node's connection-tracking table (nf_conntrack). Only the first packet of a flow walks
 * the nat rules; conntrack remembers the translation as a pair of tuples — the original
 * direction and the expected reply — so later packets in either direction are translated
 * without looking at a rule (REFERENCE 9.8 "conntrack"). That is why changing the rules never
 * moves an existing connection, and why a stopped kube-proxy does not break open ones.
 *
 * Timeouts are the kernel defaults (`net.netfilter.nf_conntrack_tcp_timeout_*`,
 * `nf_conntrack_udp_timeout*`); entries expire lazily against the virtual clock.
 *
 * @example
 *   const ct = new Conntrack()
 *   const e = ct.insert(orig, reply, 'tcp', now)          // SYN_SENT
 *   ct.lookup({ ...reply }, now)                           // { entry: e, dir: 'reply' }
 *   formatEntry(e, now)  // 'tcp      6 117 SYN_SENT src=10.244.1.3 dst=10.96.45.12 …'
 */

export type CtProto = 'tcp' | 'udp' | 'sctp'

export interface Tuple {
  src: string
  sport: number
  dst: string
  dport: number
}

export type TcpState = 'SYN_SENT' | 'ESTABLISHED' | 'TIME_WAIT' | 'CLOSE'

export interface CtEntry {
  id: number
  proto: CtProto
  orig: Tuple
  /** The tuple a reply carries: the translated destination answering the (translated) source. */
  reply: Tuple
  /** TCP state; UDP and SCTP entries have none. */
  state?: TcpState
  /** Seen traffic both ways (`[UNREPLIED]` until then). */
  replied: boolean
  assured: boolean
  /** Virtual ms at which the entry expires. */
  expires: number
  mark: number
}

/** Kernel defaults in seconds. */
export const CT_TIMEOUTS = {
  SYN_SENT: 120,
  ESTABLISHED: 432_000,
  TIME_WAIT: 120,
  CLOSE: 10,
  udp: 30,
  udpStream: 120,
} as const

const PROTO_NUMBER: Record<CtProto, number> = { tcp: 6, udp: 17, sctp: 132 }
const key = (proto: CtProto, t: Tuple): string => `${proto} ${t.src}:${t.sport}>${t.dst}:${t.dport}`

export class Conntrack {
  private seq = 0
  private readonly byOrig = new Map<string, CtEntry>()
  private readonly byReply = new Map<string, CtEntry>()

  /** The entry a packet belongs to, and in which direction it travels; expired entries are gone. */
  lookup(proto: CtProto, t: Tuple, now: number): { entry: CtEntry; dir: 'original' | 'reply' } | undefined {
    const o = this.byOrig.get(key(proto, t))
    if (o) return this.alive(o, now) ? { entry: o, dir: 'original' } : undefined
    const r = this.byReply.get(key(proto, t))
    if (r) return this.alive(r, now) ? { entry: r, dir: 'reply' } : undefined
    return undefined
  }

  /** Confirm a new flow (the first packet left the node): TCP starts in SYN_SENT, UDP unreplied. */
  insert(proto: CtProto, orig: Tuple, reply: Tuple, now: number, mark = 0): CtEntry {
    // Expired entries go lazily; sweep now and then so a long session does not pile them up.
    if (this.seq % 1024 === 1023) this.list(now)
    this.remove(this.byOrig.get(key(proto, orig)))
    this.remove(this.byReply.get(key(proto, reply)))
    const entry: CtEntry = {
      id: ++this.seq, proto, orig: { ...orig }, reply: { ...reply }, replied: false, assured: false, mark,
      state: proto === 'tcp' ? 'SYN_SENT' : undefined,
      expires: now + (proto === 'tcp' ? CT_TIMEOUTS.SYN_SENT : CT_TIMEOUTS.udp) * 1000,
    }
    this.byOrig.set(key(proto, entry.orig), entry)
    this.byReply.set(key(proto, entry.reply), entry)
    return entry
  }

  /** A reply went through: TCP becomes ESTABLISHED and ASSURED; UDP is replied (30 s, or 120 s once a stream). */
  replied(entry: CtEntry, now: number): void {
    if (entry.proto === 'tcp') {
      entry.state = 'ESTABLISHED'
      entry.assured = true
      entry.expires = now + CT_TIMEOUTS.ESTABLISHED * 1000
    } else {
      // A second exchange on a replied UDP flow makes it a "stream" (and ASSURED).
      if (entry.replied) {
        entry.assured = true
        entry.expires = now + CT_TIMEOUTS.udpStream * 1000
      } else entry.expires = now + CT_TIMEOUTS.udp * 1000
    }
    entry.replied = true
  }

  /** TCP close: FIN/ACK exchange → TIME_WAIT (120 s); an RST → CLOSE (10 s). */
  closed(entry: CtEntry, now: number, how: 'fin' | 'rst' = 'fin'): void {
    if (entry.proto !== 'tcp') return
    entry.state = how === 'fin' ? 'TIME_WAIT' : 'CLOSE'
    entry.expires = now + (how === 'fin' ? CT_TIMEOUTS.TIME_WAIT : CT_TIMEOUTS.CLOSE) * 1000
  }

  /** A new SYN on a closed (TIME_WAIT/CLOSE) entry: the kernel kills it and the packet is NEW again. */
  remove(entry: CtEntry | undefined): void {
    if (!entry) return
    if (this.byOrig.get(key(entry.proto, entry.orig)) === entry) this.byOrig.delete(key(entry.proto, entry.orig))
    if (this.byReply.get(key(entry.proto, entry.reply)) === entry) this.byReply.delete(key(entry.proto, entry.reply))
  }

  /** Live entries, oldest first (the kernel lists in hash order; the playground keeps creation order). */
  list(now: number): CtEntry[] {
    const out: CtEntry[] = []
    for (const e of [...this.byOrig.values()]) if (this.alive(e, now)) out.push(e)
    return out.sort((a, b) => a.id - b.id)
  }

  /** `conntrack -F`. */
  flush(): number {
    const n = this.byOrig.size
    this.byOrig.clear()
    this.byReply.clear()
    return n
  }

  private alive(e: CtEntry, now: number): boolean {
    if (e.expires > now) return true
    this.remove(e)
    return false
  }
}

/** Whether a TCP entry is past the handshake-and-close cycle, so a new SYN reopens the flow. */
export function isClosed(e: CtEntry): boolean {
  return e.state === 'TIME_WAIT' || e.state === 'CLOSE'
}

/**
 * One line of `conntrack -L` (conntrack-tools' default output):
 * `tcp      6 431999 ESTABLISHED src=… dst=… sport=… dport=… src=… dst=… sport=… dport=… [ASSURED] mark=0 use=1`.
 */
export function formatEntry(e: CtEntry, now: number): string {
  const secs = Math.max(0, Math.floor((e.expires - now) / 1000))
  const t = (x: Tuple): string => `src=${x.src} dst=${x.dst} sport=${x.sport} dport=${x.dport}`
  const parts = [`${e.proto.padEnd(8)} ${PROTO_NUMBER[e.proto]} ${secs}`]
  if (e.state) parts.push(e.state)
  parts.push(t(e.orig))
  if (!e.replied) parts.push('[UNREPLIED]')
  parts.push(t(e.reply))
  if (e.assured) parts.push('[ASSURED]')
  parts.push(`mark=${e.mark}`, 'use=1')
  return parts.join(' ')
}
