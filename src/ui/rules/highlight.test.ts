import { describe, expect, it } from 'vitest'
import type { Hop } from '../../protocol'
import { firstMark, hopMarks } from './highlight'

const SAVE = `*filter
:INPUT ACCEPT [0:0]
-A KUBE-SERVICES -m comment --comment "x" -j ACCEPT
COMMIT
*nat
:PREROUTING ACCEPT [0:0]
-A PREROUTING -m comment --comment "kubernetes service portals" -j KUBE-SERVICES
-A KUBE-SEP-XQWD6PXGZUTOOIVQ -p tcp -m comment --comment default/web -m tcp -j DNAT --to-destination 10.244.1.5:8080
-A KUBE-SERVICES -d 10.96.45.12/32 -p tcp -m comment --comment "default/web cluster IP" -m tcp --dport 80 -j KUBE-SVC-LOLE4ISW44XBNF3G
COMMIT
`
const IPVSADM = `IP Virtual Server version 1.2.1 (size=4096)
Prot LocalAddress:Port Scheduler Flags
  -> RemoteAddress:Port           Forward Weight ActiveConn InActConn
TCP  10.96.0.1:443 rr
  -> 172.18.0.1:6443              Masq    1      0          0
TCP  10.96.45.12:80 rr
  -> 10.244.1.5:8080              Masq    1      0          0
  -> 10.244.2.7:8080              Masq    1      1          0
`
const base = { seq: 0, request: 0, phase: 'request', packet: {} as Hop['packet'], cost: { rules: 0, hashLookups: 0, contextSwitches: 0, copies: 0 }, text: '' } as const

describe('hopMarks', () => {
  it('marks the rules a netfilter hop matched in its table, the DNAT strongest', () => {
    const dnat = { table: 'nat', chain: 'KUBE-SEP-XQWD6PXGZUTOOIVQ', index: 1, line: '-A KUBE-SEP-XQWD6PXGZUTOOIVQ -p tcp -m comment --comment default/web -m tcp -j DNAT --to-destination 10.244.1.5:8080' } as const
    const svc = { table: 'nat', chain: 'KUBE-SERVICES', index: 1, line: '-A KUBE-SERVICES -d 10.96.45.12/32 -p tcp -m comment --comment "default/web cluster IP" -m tcp --dport 80 -j KUBE-SVC-LOLE4ISW44XBNF3G' } as const
    const hop: Hop = { ...base, kind: 'netfilter', where: { kind: 'node', node: 'node-1', table: 'nat', hook: 'PREROUTING' }, rules: [svc, dnat], decisive: dnat }
    const m = hopMarks([{ command: 'iptables-save', text: SAVE }], hop)
    expect([...m.get(0)!]).toEqual([
      [8, 'matched'],
      [7, 'decisive'],
    ])
    expect(firstMark(m)).toEqual({ section: 0, line: 7 })
  })

  it('does not mark a line of the same text in another table', () => {
    const ref = { table: 'nat', chain: 'KUBE-SERVICES', index: 1, line: '-A KUBE-SERVICES -m comment --comment "x" -j ACCEPT' } as const
    const hop: Hop = { ...base, kind: 'netfilter', where: { kind: 'node', node: 'node-1' }, rules: [ref] }
    expect(hopMarks([{ command: 'iptables-save', text: SAVE }], hop).size).toBe(0)
  })

  it('marks the IPVS virtual server and the real server it picked', () => {
    const hop: Hop = { ...base, kind: 'ipvs', where: { kind: 'node', node: 'node-1' }, ipvs: { virtualServer: 'TCP 10.96.45.12:80 rr', scheduler: 'rr', realServer: '10.244.2.7:8080' } }
    const m = hopMarks([{ command: 'ipvsadm -Ln', text: IPVSADM }, { command: 'iptables-save', text: SAVE }], hop)
    expect([...m.get(0)!]).toEqual([
      [5, 'matched'],
      [7, 'decisive'],
    ])
  })
})
