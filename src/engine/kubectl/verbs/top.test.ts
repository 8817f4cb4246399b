import { beforeEach, describe, expect, it } from 'vitest'
import { runKubectl } from '../kubectl'
import { addNode, addPod, kubectlHarness, runningStatus, setStatus, type Harness } from '../testing'

let h: Harness
beforeEach(() => {
  h = kubectlHarness()
  addNode(h, 'node-1', '172.18.0.2')
  addNode(h, 'node-2', '172.18.0.3', { ready: 'Unknown' })
  addPod(h, 'web', { node: 'node-1', labels: { app: 'web' } })
  setStatus(h, 'web', runningStatus('10.244.1.2', '172.18.0.2', h.at(0)))
  addPod(h, 'busy', { node: 'node-1', containers: [{ name: 'loop', image: 'busybox:1.36', command: ['sh', '-c', 'while true; do :; done'] }] })
  const st = runningStatus('10.244.1.3', '172.18.0.2', h.at(0))
  st.containerStatuses = [{ ...st.containerStatuses![0], name: 'loop' }]
  setStatus(h, 'busy', st)
})

describe('kubectl top (simulated metrics-server)', () => {
  it('pods are missing until metrics-server has a sample: metrics not available yet', () => {
    h.advance(10_000)
    expect(h.k('top pods')).toEqual({ code: 1, stdout: '', stderr: 'error: metrics not available yet\n' })
  })

  it('nodes: usage, percentages, a NotReady node as <unknown>; pods sorted by CPU', () => {
    h.advance(60_000)
    const nodes = h.k('top nodes')
    expect(nodes.code).toBe(0)
    expect(nodes.stdout).toMatch(/^NAME {5}CPU\(cores\) {3}CPU\(%\) {6}MEMORY\(bytes\) {3}MEMORY\(%\) {3}\nnode-1 {3}10\d\dm {8}2\d% {9}5\d\dMi {11}6% {10}\nnode-2 {3}<unknown> {4}<unknown> {3}<unknown> {7}<unknown> {3}\n$/)
    const pods = h.k('top pods --sort-by=cpu --no-headers').stdout
    expect(pods).toMatch(/^busy {3}1\d{3}m {3}0Mi {3}\nweb {4}1m {6}[67]Mi {3}\n$/)
    expect(Math.abs(Number(/^busy +(\d+)m/.exec(pods)![1]) - 1000)).toBeLessThanOrEqual(10)
    expect(h.k('top pod web').stdout).toMatch(/^NAME {3}CPU\(cores\) {3}MEMORY\(bytes\) {3}\nweb {4}1m {11}[67]Mi {13}\n$/)
  })

  it('load from the host raises CPU', () => {
    h.advance(60_000)
    const host = { ...h.host, podRequestRate: (_ns: string, pod: string) => (pod === 'web' ? 500 : 0) }
    const out = runKubectl(host, 'top pod web --no-headers').stdout
    const cpu = Number(/^web +(\d+)m/.exec(out)![1])
    expect(cpu).toBeGreaterThanOrEqual(40)
    expect(cpu).toBeLessThanOrEqual(61)
  })

  it('old pods without metrics, empty namespaces, and kubectl\'s errors', () => {
    addPod(h, 'stuck', { node: 'node-1', labels: { app: 'stuck' } })
    h.advance(200_000)
    expect(h.k('top pods -l app=stuck')).toEqual({ code: 1, stdout: '', stderr: 'error: Metrics not available for pod default/stuck, age: 3m20s\n' })
    expect(h.k('top pods -n kube-system')).toEqual({ code: 0, stdout: '', stderr: 'No resources found in kube-system namespace.\n' })
    expect(h.k('top pod stuck')).toEqual({ code: 1, stdout: '', stderr: 'Error from server (NotFound): podmetrics.metrics.k8s.io "default/stuck" not found\n' })
    expect(h.k('top pod nope')).toEqual({ code: 1, stdout: '', stderr: 'Error from server (NotFound): pods "nope" not found\n' })
    expect(h.k('top node node-9')).toEqual({ code: 1, stdout: '', stderr: 'Error from server (NotFound): node "node-9" not found\n' })
    expect(h.k('top node node-2')).toEqual({ code: 1, stdout: '', stderr: 'Error from server (NotFound): nodemetrics.metrics.k8s.io "node-2" not found\n' })
    expect(h.k('top pods --sort-by=name')).toEqual({ code: 1, stdout: '', stderr: 'error: --sort-by accepts only cpu or memory\n' })
    expect(h.k('top pod web -l app=web')).toEqual({ code: 1, stdout: '', stderr: 'error: only one of NAME or selector can be provided\n' })
    expect(h.k('top nodes a b')).toEqual({ code: 1, stdout: '', stderr: "error: node [NAME | -l label]\nSee 'kubectl top node -h' for help and examples\n" })
    const help = h.k('top')
    expect(help.code).toBe(1)
    expect(help.stderr).toContain('Available Commands:\n  node          Display resource (CPU/memory) usage of nodes\n')
  })
})
