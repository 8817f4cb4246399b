/**
 * The worker side of the console feature: shells (node and pod), running `kubectl get -w`
 * watches, the completion catalog, export and `kubectl edit` for the YAML editor
 * (src/protocol-console.ts). The runner hands it those messages, every kubectl result (to
 * pick up a watch or a shell request) and every flush (to stream watch lines after the diff
 * that caused them).
 *
 * The engine functions it needs are injected (`ConsoleEngine`), so the runner and its unit
 * tests never load the engine; each is feature-detected and answers "not available" when
 * missing instead of crashing.
 */
import type { KObject, KubectlCatalog, StoreEvent } from '../engine/index'
import type { ConsoleToWorker, FromWorker, PodShell, ResultMessage, ShellTarget } from '../protocol'
import { displayCommand } from './commands'

/** Engine functions (src/engine/index.ts), wired in engine.worker.ts. */
export interface ConsoleEngine {
  catalog(): KubectlCatalog
  /** `exportManifests` (src/engine/export.ts). */
  exportManifests(objects: readonly KObject[], opts: { uids?: readonly string[]; now?: string }): { yaml: string; objects: KObject[] }
  /** Manifests without status and server-set fields, as one YAML text (`editManifests`). */
  editManifests(objects: readonly KObject[]): string
  /** The virtual clock as RFC 3339, for the export header. */
  timestamp(): string
  /** The lines a `get -w` prints for these store changes (kubectl's `watchLines`). May update `spec`. */
  watchLines?(spec: unknown, events: readonly StoreEvent[]): string
}

/** What the host reads from the cluster (the runner's SimCluster has it; `exec` arrives with the node shells). */
export interface ConsoleCluster {
  kubectl(line: string, stdin?: string): { code: number; stdout: string; stderr: string }
  exec?(host: string, command: string): { code: number; stdout: string; stderr: string }
  changesSince(revision: number): StoreEvent[]
  etcd: { revision(): number; list(prefix: string): KObject[] }
}

type Result = Omit<ResultMessage, 'type' | 'id'>

/** POSIX single quoting: `it's` → `'it'\''s'`. */
export function shellQuote(s: string): string {
  return /^[\w@%+=:,./-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`
}

/** The kubectl line a pod shell line runs as: `exec web -c nginx -- sh -c 'curl -s web'` (namespace when not default). */
export function podExecArgs(t: Extract<ShellTarget, { kind: 'pod' }>, line: string): string {
  const ns = t.namespace && t.namespace !== 'default' ? ` -n ${t.namespace}` : ''
  const c = t.container ? ` -c ${t.container}` : ''
  return `exec ${t.pod}${ns}${c} -- sh -c ${shellQuote(line)}`
}

export class ConsoleHost {
  /** Running watches by the id of the kubectl request that started them. */
  private readonly watches = new Map<number, { spec: unknown; revision: number }>()

  constructor(
    private readonly cluster: ConsoleCluster,
    private readonly engine: ConsoleEngine | undefined,
    private readonly post: (m: FromWorker) => void,
  ) {}

  get watching(): number {
    return this.watches.size
  }

  /** Handle one console message; `flush` posts the state a command changed before its answer. */
  handle(msg: ConsoleToWorker, flush: () => void): void {
    switch (msg.type) {
      case 'shell': {
        const r = this.shell(msg.target, msg.line)
        flush()
        return this.answer(msg.id, r)
      }
      case 'stopWatch':
        this.watches.delete(msg.id)
        return
      case 'catalog':
        if (!this.engine) return this.answer(msg.id, unavailable('completion catalog'))
        return this.post({ type: 'catalog', id: msg.id, catalog: this.engine.catalog() })
      case 'export':
        return this.answer(msg.id, this.export(msg.uids))
      case 'edit':
        return this.answer(msg.id, this.edit(msg.args))
    }
  }

  /**
   * After a kubectl line ran (before the flush): a `get -w` result carries a watch spec — keep
   * it, streaming from the current revision; `exec -it … sh` carries a shell request.
   */
  afterKubectl(id: number, r: { code: number }): Pick<ResultMessage, 'watching' | 'shell'> {
    const extra = r as { watch?: unknown; shell?: PodShell }
    const out: Pick<ResultMessage, 'watching' | 'shell'> = {}
    if (extra.watch !== undefined && r.code === 0 && this.engine?.watchLines) {
      this.watches.set(id, { spec: extra.watch, revision: this.cluster.etcd.revision() })
      out.watching = true
    }
    if (extra.shell) out.shell = extra.shell
    return out
  }

  /** After a diff was posted: each watch prints what changed since its last revision. */
  afterFlush(): void {
    if (this.watches.size === 0 || !this.engine?.watchLines) return
    for (const [id, w] of this.watches) {
      const events = this.cluster.changesSince(w.revision)
      if (events.length === 0) continue
      w.revision = events[events.length - 1].revision
      let lines: string
      try {
        lines = this.engine.watchLines(w.spec, events)
      } catch (e) {
        // A broken watch must not break the simulation: end it and say why.
        this.watches.delete(id)
        lines = `error: ${e instanceof Error ? e.message : String(e)}\n`
      }
      if (lines) this.post({ type: 'watchLines', id, lines })
    }
  }

  private shell(target: ShellTarget, line: string): Result {
    if (target.kind === 'pod') {
      const args = podExecArgs(target, line)
      return { ...this.cluster.kubectl(args), command: displayCommand(args) }
    }
    const command = `${target.node}$ ${line}`
    if (typeof this.cluster.exec !== 'function') return { code: 127, stdout: '', stderr: 'node shells are not available in this engine yet\n', command }
    return { ...this.cluster.exec(target.node, line), command }
  }

  private export(uids: string[] | undefined): Result {
    if (!this.engine) return unavailable('export')
    const { yaml, objects } = this.engine.exportManifests(this.cluster.etcd.list('/registry/'), { uids, now: this.engine.timestamp() })
    return { code: 0, stdout: yaml, stderr: '', command: exportCommand(objects) }
  }

  private edit(args: string): Result {
    const command = displayCommand(`edit ${args}`.trim())
    if (!this.engine) return { ...unavailable('edit'), command }
    const r = this.cluster.kubectl(`get ${args} -o json`)
    if (r.code !== 0) return { code: r.code, stdout: '', stderr: r.stderr, command }
    let objects: KObject[]
    try {
      const v = JSON.parse(r.stdout) as KObject
      objects = v.kind === 'List' ? (v.items as KObject[]) : [v]
    } catch {
      return { code: 1, stdout: '', stderr: 'error: could not read the object\n', command }
    }
    if (objects.length === 0) return { code: 1, stdout: '', stderr: 'error: no objects passed to edit\n', command }
    return { code: 0, stdout: this.engine.editManifests(objects), stderr: '', command }
  }

  private answer(id: number, r: Result): void {
    this.post({ type: 'result', id, ...r })
  }
}

function unavailable(what: string): Result {
  return { code: 1, stdout: '', stderr: `error: ${what} is not available in this engine\n`, command: '' }
}

/** Plural resource names for the kinds export writes (kubectl's `get` accepts them comma-separated). */
const PLURAL: Record<string, string> = {
  Namespace: 'namespaces',
  Service: 'services',
  Deployment: 'deployments',
  ReplicaSet: 'replicasets',
  ReplicationController: 'replicationcontrollers',
  Pod: 'pods',
  Endpoints: 'endpoints',
  EndpointSlice: 'endpointslices',
}

/**
 * The kubectl line closest to an export: `kubectl get services,deployments -A -o yaml`, with a
 * note that status and server-set fields are then removed (by hand, or by this export).
 */
export function exportCommand(objects: readonly KObject[]): string {
  const resources = [...new Set(objects.map((o) => PLURAL[o.kind] ?? `${o.kind.toLowerCase()}s`))]
  const namespaces = new Set(objects.map((o) => o.metadata.namespace).filter(Boolean))
  const ns = namespaces.size > 1 || objects.some((o) => o.kind === 'Namespace') ? ' -A' : namespaces.size === 1 && !namespaces.has('default') ? ` -n ${[...namespaces][0]}` : ''
  if (objects.length === 1 && objects[0].kind !== 'Namespace') return `kubectl get ${resources[0]}/${objects[0].metadata.name}${ns} -o yaml  # minus status and server-set fields`
  return `kubectl get ${resources.join(',') || 'all'}${ns} -o yaml  # minus status and server-set fields`
}
