import { describe, expect, it } from 'vitest'
import type { Container, Node, Pod } from '../../api/types'
import { busyWork, containerUsage, mebibytes, milliCPU, nodeUsage, podMetrics, windowOf } from './usage'
import { printNodeMetrics, printPodMetrics } from './printer'

const MI = 1024 * 1024
const parse = (ts: string | undefined) => (ts === undefined ? undefined : Number(ts))
const pod = (containers: Partial<Container>[], startedAt = 0, phase = 'Running'): Pod =>
  ({
    metadata: { name: 'p', namespace: 'default', uid: 'uid-1' },
    spec: { containers: containers.map((c, i) => ({ name: `c${i}`, image: 'nginx:1.27', ...c })) },
    status: { phase, containerStatuses: containers.map((_c, i) => ({ name: `c${i}`, ready: true, restartCount: 0, image: '', state: { running: { startedAt: String(startedAt) } } })) },
  }) as unknown as Pod

describe('busyWork', () => {
  it.each<[string, string[], number, number]>([
    ['sleep', ['sleep', '3600'], 0, 0],
    ['stress --cpu 2', ['stress', '--cpu', '2'], 2000, 0],
    ['stress --vm 1 --vm-bytes 150M', ['stress', '--vm', '1', '--vm-bytes', '150M'], 1000, 150 * MI],
    ['a shell busy loop', ['sh', '-c', 'while true; do :; done'], 1000, 0],
    ['yes', ['sh', '-c', 'yes > /dev/null'], 1000, 0],
  ])('%s', (_n, command, cpu, mem) => expect(busyWork({ name: 'c', image: 'busybox', command })).toEqual({ cpuMilli: cpu, memoryBytes: mem }))
})

describe('containerUsage', () => {
  const now = 120_000
  it('an idle nginx reads 1m and about 7Mi; the same window gives the same numbers', () => {
    const u = containerUsage(pod([{}]), pod([{}]).spec.containers[0], now, parse, 0)!
    expect(milliCPU(u.cpuNano)).toBe(1)
    expect([6, 7]).toContain(mebibytes(u.memoryBytes))
    expect(containerUsage(pod([{}]), pod([{}]).spec.containers[0], now + 1000, parse, 0)).toEqual(u)
  })

  it('no sample before a whole scrape window has passed since the start', () => {
    const p = pod([{}], 110_000)
    expect(windowOf(now)).toBe(8)
    expect(containerUsage(p, p.spec.containers[0], now, parse, 0)).toBeUndefined()
    expect(containerUsage(p, p.spec.containers[0], 135_000, parse, 0)).toBeDefined()
  })

  it('a busy loop is capped by the CPU limit; memory by the memory limit; load adds CPU', () => {
    const p = pod([{ image: 'busybox', command: ['stress', '--cpu', '2', '--vm', '1', '--vm-bytes', '512M'], resources: { limits: { cpu: '500m', memory: '128Mi' } } }])
    const u = containerUsage(p, p.spec.containers[0], now, parse, 0)!
    expect(milliCPU(u.cpuNano)).toBe(500)
    expect(mebibytes(u.memoryBytes)).toBe(128)
    const web = pod([{}])
    const loaded = containerUsage(web, web.spec.containers[0], now, parse, 1000)!
    expect(milliCPU(loaded.cpuNano)).toBeGreaterThanOrEqual(80)
    expect(milliCPU(loaded.cpuNano)).toBeLessThanOrEqual(121)
  })

  it('pods that are not Running have no metrics; node usage adds system daemons', () => {
    expect(podMetrics(pod([{}], 0, 'Pending'), now, parse, 0)).toBeUndefined()
    const m = podMetrics(pod([{}, { image: 'busybox' }]), now, parse, 0)!
    expect(m.containers.map((c) => c.name)).toEqual(['c0', 'c1'])
    const node = { metadata: { name: 'node-1', uid: 'n1' }, status: { conditions: [{ type: 'Ready', status: 'True' }] } } as unknown as Node
    const u = nodeUsage(node, [m], now)!
    expect(milliCPU(u.cpuNano)).toBeGreaterThanOrEqual(37)
    expect(milliCPU(u.cpuNano)).toBeLessThanOrEqual(56)
    expect(nodeUsage({ ...node, status: { conditions: [{ type: 'Ready', status: 'Unknown' }] } } as Node, [], now)).toBeUndefined()
  })
})

describe('TopCmdPrinter', () => {
  it('nodes: percentages of allocatable, trailing tab padding, <unknown> lines last', () => {
    const out = printNodeMetrics(
      [
        { name: 'node-2', usage: { cpuNano: 1_234_000_001, memoryBytes: 2 * 1024 * MI }, availableCpuMilli: 4000, availableMemoryBytes: 8 * 1024 * MI },
        { name: 'node-1', usage: { cpuNano: 51_000_000, memoryBytes: 519.5 * MI }, availableCpuMilli: 4000, availableMemoryBytes: 8 * 1024 * MI },
        { name: 'node-3', availableCpuMilli: 4000, availableMemoryBytes: 1 },
      ],
      false,
      '',
    )
    expect(out).toBe(
      [
        'NAME     CPU(cores)   CPU(%)      MEMORY(bytes)   MEMORY(%)   ',
        'node-1   51m          1%          519Mi           6%          ',
        'node-2   1235m        30%         2048Mi          25%         ',
        'node-3   <unknown>    <unknown>   <unknown>       <unknown>   ',
        '',
      ].join('\n'),
    )
  })

  it('pods: --sort-by=memory, --containers with -A, --sum', () => {
    const pods = [
      { namespace: 'default', name: 'b', containers: [{ name: 'web', cpuNano: 1e6, memoryBytes: 7 * MI }] },
      { namespace: 'kube-system', name: 'a', containers: [{ name: 'dns', cpuNano: 2e6, memoryBytes: 14 * MI }, { name: 'side', cpuNano: 0, memoryBytes: 0 }] },
    ]
    expect(printPodMetrics(pods, { containers: false, withNamespace: false, noHeaders: false, sortBy: 'memory', sum: true })).toBe(
      ['NAME   CPU(cores)   MEMORY(bytes)   ', 'a      2m           14Mi            ', 'b      1m           7Mi             ', '       ________     ________        ', '       3m           21Mi            ', ''].join('\n'),
    )
    expect(printPodMetrics(pods, { containers: true, withNamespace: true, noHeaders: false, sortBy: '', sum: false })).toBe(
      [
        'NAMESPACE     POD   NAME   CPU(cores)   MEMORY(bytes)   ',
        'default       b     web    1m           7Mi             ',
        'kube-system   a     dns    2m           14Mi            ',
        'kube-system   a     side   0m           0Mi             ',
        '',
      ].join('\n'),
    )
  })
})
