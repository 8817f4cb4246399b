/**
 * A stand-in for `Cluster` in the runner's unit tests: a revisioned store with history, a
 * record log and a virtual clock, plus a scriptable `kubectl`. Only what `SimCluster` needs.
 */
import type { EngineRecord, KObject, StoreEvent } from '../engine/index'
import type { SimCluster } from './runner'

export function pod(name: string, uid: string, phase = 'Pending', nodeName?: string): KObject {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, namespace: 'default', uid },
    spec: { containers: [{ name: 'c', image: 'nginx' }], ...(nodeName ? { nodeName } : {}) },
    status: { phase },
  }
}

type Unsequenced = EngineRecord extends infer R ? (R extends EngineRecord ? Omit<R, 'seq' | 'time'> : never) : never

export class FakeCluster implements SimCluster {
  time = 0
  private rev = 0
  private seq = 0
  private compacted = 0
  private data = new Map<string, KObject>()
  private history: StoreEvent[] = []
  private log: EngineRecord[] = []
  /** Every advance() call, to check the speed arithmetic. */
  advances: number[] = []
  commands: { line: string; stdin?: string }[] = []
  /** What kubectl does; default: succeed with empty output. */
  onKubectl: (line: string, stdin?: string) => { code: number; stdout: string; stderr: string } = () => ({ code: 0, stdout: '', stderr: '' })

  readonly etcd = {
    revision: () => this.rev,
    list: (prefix: string) => [...this.data.entries()].filter(([k]) => k.startsWith(prefix)).sort().map(([, v]) => v),
    compactedRevision: () => this.compacted,
  }

  put(o: KObject): void {
    const key = `/registry/${o.kind.toLowerCase()}s/${o.metadata.namespace}/${o.metadata.name}`
    const type = this.data.has(key) ? 'MODIFIED' : 'ADDED'
    this.data.set(key, o)
    this.history.push({ type, key, revision: ++this.rev, object: o })
  }

  remove(o: KObject): void {
    const key = `/registry/${o.kind.toLowerCase()}s/${o.metadata.namespace}/${o.metadata.name}`
    this.data.delete(key)
    this.history.push({ type: 'DELETED', key, revision: ++this.rev, object: o })
  }

  record(r: Unsequenced): void {
    this.log.push({ ...r, seq: ++this.seq, time: this.time } as EngineRecord)
  }

  compact(): void {
    this.compacted = this.rev
    this.history = []
  }

  kubectl(line: string, stdin?: string) {
    this.commands.push({ line, stdin })
    return this.onKubectl(line, stdin)
  }

  advance(ms: number): void {
    this.advances.push(ms)
    this.time += ms
  }

  settle(maxMs = 600_000): number {
    this.time += Math.min(maxMs, 5_000)
    return this.time
  }

  now(): number {
    return this.time
  }

  changesSince(revision: number): StoreEvent[] {
    return this.history.filter((e) => e.revision > revision)
  }

  recordsSince(seq: number): EngineRecord[] {
    return this.log.filter((r) => r.seq > seq)
  }
}
