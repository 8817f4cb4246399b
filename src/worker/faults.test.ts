import { describe, expect, it } from 'vitest'
import { FaultTracker, callText, type FaultHost } from './faults'

function host(over: Partial<FaultHost> = {}) {
  const calls: unknown[][] = []
  const running = new Map([
    ['node-1', true],
    ['node-2', true],
  ])
  const h: FaultHost = {
    faults: {
      crashContainer: (...a: unknown[]) => (calls.push(['crashContainer', ...a]), { ok: true, message: `${a[2]} exited with ${a[3]}` }),
      setProbeOverride: (...a: unknown[]) => (calls.push(['setProbeOverride', ...a]), { ok: true, message: 'ok' }),
      slowImagePulls: (...a: unknown[]) => (calls.push(['slowImagePulls', ...a]), { ok: true, message: `image pulls ×${a[1]}` }),
      stopKubelet: (node: string) => {
        if (!running.get(node)) return { ok: false, error: `kubelet on ${node} is already stopped` }
        running.set(node, false)
        return { ok: true, message: `kubelet on ${node} stopped` }
      },
      startKubelet: (node: string) => (running.set(node, true), { ok: true, message: `kubelet on ${node} started` }),
    },
    kubelets: new Map([...running.keys()].map((n) => [n, { running: () => running.get(n)! }])),
    ...over,
  }
  return { h, calls }
}

describe('fault requests', () => {
  it('calls the engine API with the arguments in its order and shows the call as the command', () => {
    const { h, calls } = host()
    const r = new FaultTracker().apply(h, { kind: 'crashContainer', namespace: 'default', pod: 'web-1', container: 'nginx', exitCode: 3 })
    expect(calls).toEqual([['crashContainer', 'default', 'web-1', 'nginx', 3]])
    expect(r).toEqual({ code: 0, stdout: 'nginx exited with 3\n', stderr: '', command: 'cluster.faults.crashContainer("default", "web-1", "nginx", 3)' })
  })

  it('a probe override goes to setProbeOverride; null gives the probe back', () => {
    const { h, calls } = host()
    const t = new FaultTracker()
    t.apply(h, { kind: 'setProbe', namespace: 'default', pod: 'p', container: 'c', probe: 'liveness', result: 'fail' })
    expect(t.state(h).probes).toEqual({ 'default/p/c/liveness': 'fail' })
    const r = t.apply(h, { kind: 'setProbe', namespace: 'default', pod: 'p', container: 'c', probe: 'liveness', result: null })
    expect(r.command).toBe('cluster.faults.setProbeOverride("default", "p", "c", "liveness", null)')
    expect(calls.map((c) => c[0])).toEqual(['setProbeOverride', 'setProbeOverride'])
    expect(t.state(h).probes).toEqual({})
  })

  it('an engine refusal becomes an error result, and is not remembered', () => {
    const { h } = host()
    const t = new FaultTracker()
    expect(t.apply(h, { kind: 'stopKubelet', node: 'node-2' }).code).toBe(0)
    const again = t.apply(h, { kind: 'stopKubelet', node: 'node-2' })
    expect(again).toMatchObject({ code: 1, stderr: 'error: kubelet on node-2 is already stopped\n' })
  })

  it('without a fault API it answers "not available yet" instead of throwing', () => {
    const r = new FaultTracker().apply({ kubelets: new Map() }, { kind: 'stopKubelet', node: 'node-1' })
    expect(r.code).toBe(1)
    expect(r.stderr).toMatch(/not available yet/)
  })

  it('reports stopped kubelets from the kubelets themselves and pull factors it set, only when they change', () => {
    const { h } = host()
    const t = new FaultTracker()
    expect(t.changed(h)).toMatchObject({ type: 'faultState', available: true, stoppedKubelets: [], slowPulls: {} })
    expect(t.changed(h)).toBeUndefined()
    t.apply(h, { kind: 'stopKubelet', node: 'node-2' })
    t.apply(h, { kind: 'slowImagePulls', node: 'node-1', factor: 20 })
    expect(t.changed(h)).toMatchObject({ stoppedKubelets: ['node-2'], slowPulls: { 'node-1': 20 } })
    t.apply(h, { kind: 'slowImagePulls', node: 'node-1', factor: 1 })
    expect(t.changed(h)?.slowPulls).toEqual({})
  })

  it('a cluster with neither kubelets nor faults (a test double) reports nothing', () => {
    expect(new FaultTracker().changed({})).toBeUndefined()
  })

  it('call texts quote strings and print numbers and null as code', () => {
    expect(callText('faults', 'slowImagePulls', ['node-1', 5])).toBe('cluster.faults.slowImagePulls("node-1", 5)')
  })
})
