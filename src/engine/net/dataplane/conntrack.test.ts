import { describe, expect, it } from 'vitest'
import { Conntrack, formatEntry, isClosed } from './conntrack'

const orig = { src: '10.244.3.2', sport: 40000, dst: '10.96.45.12', dport: 80 }
const reply = { src: '10.244.2.7', sport: 8080, dst: '10.244.3.2', dport: 40000 }

describe('Conntrack', () => {
  it('finds a flow from either direction', () => {
    const ct = new Conntrack()
    const e = ct.insert('tcp', orig, reply, 0)
    expect(ct.lookup('tcp', orig, 0)).toEqual({ entry: e, dir: 'original' })
    expect(ct.lookup('tcp', reply, 0)).toEqual({ entry: e, dir: 'reply' })
    expect(ct.lookup('udp', orig, 0)).toBeUndefined()
    expect(ct.lookup('tcp', { ...orig, sport: 40001 }, 0)).toBeUndefined()
  })

  it('walks the TCP states with the kernel timeouts, and prints them like conntrack -L', () => {
    const ct = new Conntrack()
    const e = ct.insert('tcp', orig, reply, 0)
    expect(formatEntry(e, 0)).toBe('tcp      6 120 SYN_SENT src=10.244.3.2 dst=10.96.45.12 sport=40000 dport=80 [UNREPLIED] src=10.244.2.7 dst=10.244.3.2 sport=8080 dport=40000 mark=0 use=1')
    ct.replied(e, 1000)
    expect(formatEntry(e, 1000)).toBe('tcp      6 432000 ESTABLISHED src=10.244.3.2 dst=10.96.45.12 sport=40000 dport=80 src=10.244.2.7 dst=10.244.3.2 sport=8080 dport=40000 [ASSURED] mark=0 use=1')
    ct.closed(e, 2000)
    expect(isClosed(e)).toBe(true)
    expect(formatEntry(e, 5000)).toMatch(/^tcp {6}6 117 TIME_WAIT /)
    expect(ct.list(121_999)).toEqual([e])
    expect(ct.list(122_000)).toEqual([])
    expect(ct.lookup('tcp', orig, 122_000)).toBeUndefined()
  })

  it('UDP: 30 s, then a stream (120 s, ASSURED) once replied again', () => {
    const ct = new Conntrack()
    const e = ct.insert('udp', { ...orig, dport: 53 }, { ...reply, sport: 53 }, 0)
    ct.replied(e, 0)
    expect(formatEntry(e, 0)).toBe('udp      17 30 src=10.244.3.2 dst=10.96.45.12 sport=40000 dport=53 src=10.244.2.7 dst=10.244.3.2 sport=53 dport=40000 mark=0 use=1')
    ct.replied(e, 0)
    expect(formatEntry(e, 0)).toMatch(/^udp {6}17 120 .* \[ASSURED\] mark=0 use=1$/)
  })

  it('an RST closes at once (CLOSE, 10 s); a flush empties the table', () => {
    const ct = new Conntrack()
    const e = ct.insert('tcp', orig, reply, 0)
    ct.closed(e, 0, 'rst')
    expect(e.state).toBe('CLOSE')
    expect(ct.list(9999)).toHaveLength(1)
    expect(ct.list(10_000)).toHaveLength(0)
    ct.insert('tcp', orig, reply, 0)
    expect(ct.flush()).toBe(1)
    expect(ct.list(0)).toEqual([])
  })
})
