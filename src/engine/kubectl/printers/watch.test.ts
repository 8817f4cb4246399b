import { beforeEach, describe, expect, it } from 'vitest'
import type { KObject } from '../../api/types'
import { addNode, addPod, kubectlHarness, runningStatus, setStatus, type Harness } from '../testing'
import { alignRemembering, watchLines } from './watch'

let h: Harness
beforeEach(() => {
  h = kubectlHarness()
  addNode(h, 'node-1', '172.18.0.2')
  addPod(h, 'web-1', { labels: { app: 'web' }, node: 'node-1' })
  setStatus(h, 'web-1', runningStatus('10.244.1.2', '172.18.0.2', h.at(0)))
  addPod(h, 'db', { labels: { app: 'db' } })
  h.advance(5_000)
})

const pod = (name: string, ns = 'default') => h.ctx.api.get('pods', ns, name)

describe('kubectl get -w', () => {
  it('prints the current table and hands back a WatchSpec', () => {
    const r = h.k('get pods -w')
    expect(r.code).toBe(0)
    expect(r.stdout).toBe('NAME    READY   STATUS    RESTARTS   AGE\ndb      0/1     Pending   0          5s\nweb-1   1/1     Running   0          5s\n')
    expect(r.watch).toEqual({
      resource: 'pods',
      namespace: 'default',
      columns: { output: '', noHeaders: false, showLabels: false, labelColumns: [], withNamespace: false },
      headerPrinted: true,
      widths: [8, 8, 10, 11],
      printed: 0,
    })
  })

  it('later changes print one row each, aligned to the remembered widths; a wider cell widens its column', () => {
    const spec = h.k('get pods -w').watch!
    h.advance(30_000)
    h.ctx.api.delete('pods', 'default', 'web-1', { actor: 'test' })
    expect(watchLines(h.host, spec, [pod('web-1')])).toEqual(['web-1   1/1     Terminating   0          35s'])
    expect(spec.widths).toEqual([8, 8, 14, 11])
    expect(watchLines(h.host, spec, [pod('db'), pod('web-1')])).toEqual(['db      0/1     Pending       0          35s', 'web-1   1/1     Terminating   0          35s'])
  })

  it('only the watched objects: kind, namespace, label selector, name', () => {
    addPod(h, 'sys', { ns: 'kube-system', labels: { app: 'web' } })
    const svc: KObject = { apiVersion: 'v1', kind: 'Service', metadata: { name: 'web-1', namespace: 'default' } }
    const spec = h.k('get pods -l app=web -w').watch!
    expect(watchLines(h.host, spec, [pod('db'), pod('sys', 'kube-system'), svc, pod('web-1')])).toEqual(['web-1   1/1     Running   0          5s'])
    const one = h.k('get pod db -w').watch!
    expect(one.name).toBe('db')
    expect(watchLines(h.host, one, [pod('web-1')])).toEqual([])
    const all = h.k('get pods -A -w').watch!
    expect(watchLines(h.host, all, [pod('sys', 'kube-system')])).toEqual(['kube-system   sys     0/1     Pending   0          0s'])
  })

  it('--watch-only: nothing at first, the header with the first row; --no-headers; -o name; -o yaml separators', () => {
    const r = h.k('get pods --watch-only')
    expect(r.stdout).toBe('')
    expect(watchLines(h.host, r.watch!, [pod('db')])).toEqual(['NAME   READY   STATUS    RESTARTS   AGE', 'db     0/1     Pending   0          5s'])
    expect(watchLines(h.host, r.watch!, [pod('web-1')])).toEqual(['web-1   1/1     Running   0          5s'])
    const bare = h.k('get pods --watch-only --no-headers').watch!
    expect(watchLines(h.host, bare, [pod('db')])).toEqual(['db    0/1   Pending   0     5s'])
    const names = h.k('get pods -o name -w')
    expect(names.stdout).toBe('pod/db\npod/web-1\n')
    expect(watchLines(h.host, names.watch!, [pod('db')])).toEqual(['pod/db'])
    const yaml = h.k('get pod db -o yaml -w')
    expect(yaml.stdout.startsWith('apiVersion: v1\nkind: Pod\n')).toBe(true)
    expect(watchLines(h.host, yaml.watch!, [pod('db')]).slice(0, 2)).toEqual(['---', 'apiVersion: v1'])
  })

  it.each<[string, string]>([
    ['get pods,svc -w', 'error: you may only specify a single resource type\n'],
    ['get pods db web-1 -w', 'error: watch is only supported on individual resources and resource collections, but 2 resources were found\n'],
    ['get pod nope -w', 'Error from server (NotFound): pods "nope" not found\n'],
  ])('%s', (line, stderr) => expect(h.k(line)).toEqual({ code: 1, stdout: '', stderr }))
})

describe('alignRemembering (tabwriter RememberWidths)', () => {
  it('min width 6, padding 3, the last cell never padded, widths kept across flushes', () => {
    const widths: number[] = []
    expect(alignRemembering([['A', 'BB', 'C']], widths)).toBe('A     BB    C\n')
    expect(alignRemembering([['LONGER-NAME', 'x', 'y']], widths)).toBe('LONGER-NAME   x     y\n')
    expect(alignRemembering([['a', 'b', 'c']], widths)).toBe('a             b     c\n')
  })
})
