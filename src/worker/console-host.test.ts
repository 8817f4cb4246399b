import { describe, expect, it } from 'vitest'
import type { KObject, StoreEvent } from '../engine/index'
import type { FromWorker } from '../protocol'
import { ConsoleHost, exportCommand, podExecArgs, shellQuote, type ConsoleCluster, type ConsoleEngine } from './console-host'

const obj = (kind: string, name: string, namespace?: string): KObject => ({ apiVersion: 'v1', kind, metadata: { name, namespace, uid: `${kind}-${name}` } })

function fakeCluster(over: Partial<ConsoleCluster> = {}) {
  const calls: string[] = []
  let revision = 10
  const events: StoreEvent[] = []
  const c: ConsoleCluster & { calls: string[]; push(e: StoreEvent): void } = {
    calls,
    kubectl: (line) => {
      calls.push(line)
      if (line.startsWith('get deployment web')) return { code: 0, stdout: JSON.stringify({ ...obj('Deployment', 'web', 'default'), status: { replicas: 1 } }), stderr: '' }
      if (line.startsWith('get deployment nope')) return { code: 1, stdout: '', stderr: 'Error from server (NotFound): deployments.apps "nope" not found\n' }
      return { code: 0, stdout: `ran ${line}\n`, stderr: '' }
    },
    exec: (host, cmd) => ({ code: 0, stdout: `${host}:${cmd}\n`, stderr: '' }),
    changesSince: (rev) => events.filter((e) => e.revision > rev),
    etcd: { revision: () => revision, list: () => [obj('Service', 'web', 'default')] },
    push(e) {
      events.push(e)
      revision = e.revision
    },
    ...over,
  }
  return c
}

const engine: ConsoleEngine = {
  catalog: () => ({ verbs: [], globalFlags: [], resources: [] }),
  exportManifests: (objects, opts) => ({ yaml: `# ${objects.length} at ${opts.now}\n`, objects: [...objects] }),
  editManifests: (objects) => objects.map((o) => `kind: ${o.kind}\nstatus: ${o.status ? 'kept' : 'gone'}\n`).join('---\n'),
  timestamp: () => '2026-01-01T00:00:05Z',
  watchLines: (spec, events) => events.map((e) => `${(spec as { prefix: string }).prefix} ${e.object.metadata.name}\n`).join(''),
}

function host(c = fakeCluster(), e: ConsoleEngine | undefined = engine) {
  const posted: FromWorker[] = []
  return { h: new ConsoleHost(c, e, (m) => posted.push(m)), posted, c }
}

describe('shell lines', () => {
  it('a node line runs in the node’s shell and is shown with its prompt', () => {
    const { h, posted } = host()
    h.handle({ type: 'shell', id: 1, target: { kind: 'node', node: 'node-2' }, line: 'iptables-save' }, () => {})
    expect(posted).toEqual([{ type: 'result', id: 1, code: 0, stdout: 'node-2:iptables-save\n', stderr: '', command: 'node-2$ iptables-save' }])
  })

  it('a pod line runs as kubectl exec … -- sh -c, quoted like a shell would', () => {
    const { h, posted, c } = host()
    h.handle({ type: 'shell', id: 2, target: { kind: 'pod', namespace: 'shop', pod: 'web-1', container: 'nginx' }, line: "echo it's $HOSTNAME" }, () => {})
    expect(c.calls).toEqual([`exec web-1 -n shop -c nginx -- sh -c 'echo it'\\''s $HOSTNAME'`])
    expect((posted[0] as { command: string }).command).toBe(`kubectl exec web-1 -n shop -c nginx -- sh -c 'echo it'\\''s $HOSTNAME'`)
  })

  it('without cluster.exec, a node shell says so instead of failing', () => {
    const { h, posted } = host(fakeCluster({ exec: undefined }))
    h.handle({ type: 'shell', id: 3, target: { kind: 'node', node: 'node-1' }, line: 'ip addr' }, () => {})
    expect(posted[0]).toMatchObject({ code: 127, stderr: 'node shells are not available in this engine yet\n' })
  })

  it.each([
    ['hostname', 'hostname'],
    ['curl -s http://web', `'curl -s http://web'`],
    ['a=1', 'a=1'],
  ])('shellQuote(%s)', (s, want) => expect(shellQuote(s)).toBe(want))

  it('podExecArgs leaves out -n default and an unnamed container', () => {
    expect(podExecArgs({ kind: 'pod', namespace: 'default', pod: 'p' }, 'env')).toBe('exec p -- sh -c env')
  })
})

describe('watches', () => {
  it('a get -w result keeps streaming the lines of later changes until stopWatch', () => {
    const { h, posted, c } = host()
    const extra = h.afterKubectl(7, { code: 0, stdout: '', stderr: '', watch: { prefix: 'pod' } } as never)
    expect(extra).toEqual({ watching: true })
    c.push({ type: 'MODIFIED', key: 'k', revision: 11, object: obj('Pod', 'web-1') } as StoreEvent)
    c.push({ type: 'MODIFIED', key: 'k', revision: 12, object: obj('Pod', 'web-2') } as StoreEvent)
    h.afterFlush()
    expect(posted).toEqual([{ type: 'watchLines', id: 7, lines: 'pod web-1\npod web-2\n' }])
    h.afterFlush() // nothing new: nothing posted
    expect(posted).toHaveLength(1)
    h.handle({ type: 'stopWatch', id: 7 }, () => {})
    c.push({ type: 'MODIFIED', key: 'k', revision: 13, object: obj('Pod', 'web-3') } as StoreEvent)
    h.afterFlush()
    expect(posted).toHaveLength(1)
    expect(h.watching).toBe(0)
  })

  it('a failed get -w, or an engine without watchLines, starts no watch', () => {
    expect(host().h.afterKubectl(1, { code: 1, watch: {} } as never)).toEqual({})
    expect(host(fakeCluster(), { ...engine, watchLines: undefined }).h.afterKubectl(1, { code: 0, watch: {} } as never)).toEqual({})
  })

  it('passes on a shell request from exec -it', () => {
    const shell = { namespace: 'default', pod: 'p', container: 'c', command: ['sh'] }
    expect(host().h.afterKubectl(1, { code: 0, shell } as never)).toEqual({ shell })
  })
})

describe('export and edit', () => {
  it('export hands every stored object to the engine with the virtual time', () => {
    const { h, posted } = host()
    h.handle({ type: 'export', id: 4 }, () => {})
    expect(posted[0]).toEqual({ type: 'result', id: 4, code: 0, stdout: '# 1 at 2026-01-01T00:00:05Z\n', stderr: '', command: 'kubectl get services/web -o yaml  # minus status and server-set fields' })
  })

  it('edit reads the object with kubectl get -o json and opens it without status', () => {
    const { h, posted, c } = host()
    h.handle({ type: 'edit', id: 5, args: 'deployment web' }, () => {})
    expect(c.calls).toEqual(['get deployment web -o json'])
    expect(posted[0]).toMatchObject({ code: 0, stdout: 'kind: Deployment\nstatus: kept\n', command: 'kubectl edit deployment web' })
  })

  it('edit of a missing object answers with kubectl’s error', () => {
    const { h, posted } = host()
    h.handle({ type: 'edit', id: 6, args: 'deployment nope' }, () => {})
    expect(posted[0]).toMatchObject({ code: 1, stderr: 'Error from server (NotFound): deployments.apps "nope" not found\n' })
  })

  it('exportCommand names the resources and the namespaces', () => {
    expect(exportCommand([obj('Namespace', 'shop'), obj('Service', 'a', 'shop'), obj('Deployment', 'b', 'default')])).toBe(
      'kubectl get namespaces,services,deployments -A -o yaml  # minus status and server-set fields',
    )
    expect(exportCommand([obj('Service', 'a', 'shop'), obj('Pod', 'b', 'shop')])).toBe('kubectl get services,pods -n shop -o yaml  # minus status and server-set fields')
  })
})
