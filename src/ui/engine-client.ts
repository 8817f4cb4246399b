/**
 * The UI's end of the protocol: creates the engine worker (inside useEffect, terminated in the
 * cleanup — StrictMode mounts twice, TOOLCHAIN gotcha 4), feeds its messages into the store and
 * turns requests into promises. Components call the exported functions (`kubectl`, `scale`, …);
 * nothing else talks to the worker.
 *
 * For end-to-end tests it installs `window.__kp`, so a test steps the simulation instead of
 * sleeping: `await page.evaluate(() => window.__kp.settle())`.
 */
import { useEffect } from 'react'
import { PROTOCOL_VERSION, type Fault, type FromWorker, type LifecycleRequest, type ResultMessage, type ScaleRequest, type Speed, type TestOp, type TestResultMessage, type ToWorker } from '../protocol'
import { useStore } from './store'
import type { CatalogMessage, KubectlCatalog, ShellTarget } from '../protocol'
import { isServicesMessage } from '../protocol-services'
import { receiveServices } from './traffic/client'

type Pending = (m: ResultMessage | TestResultMessage | CatalogMessage) => void

class Connection {
  private nextId = 1
  private pending = new Map<number, Pending>()
  constructor(private readonly worker: Worker) {
    worker.onmessage = (e: MessageEvent<FromWorker>) => this.receive(e.data)
    worker.onerror = (e) => {
      e.preventDefault()
      useStore.getState().setWorkerError(e.message || 'worker failed')
    }
  }

  send(m: ToWorker): void {
    this.worker.postMessage(m)
  }

  request<T extends ResultMessage | TestResultMessage | CatalogMessage>(make: (id: number) => ToWorker): Promise<T> {
    const id = this.nextId++
    return new Promise<T>((resolve) => {
      this.pending.set(id, resolve as Pending)
      this.send(make(id))
    })
  }

  close(): void {
    this.worker.terminate()
    this.pending.clear()
  }

  private receive(m: FromWorker): void {
    // Traffic, rules, kube-proxy, scale: their own ids and handlers (src/ui/traffic/client.ts).
    if (isServicesMessage(m)) return receiveServices(m)
    const store = useStore.getState()
    switch (m.type) {
      case 'hello':
        if (m.version !== PROTOCOL_VERSION) store.setProtocolError(`${m.version}`)
        store.setStatus({ playing: m.playing, speed: m.speed, clock: 0 })
        return
      case 'full':
        return store.applyFull(m)
      case 'diff':
        return store.applyDiff(m)
      case 'status':
        return store.setStatus(m)
      case 'result':
      case 'testResult':
      case 'catalog': {
        const resolve = this.pending.get(m.id)
        this.pending.delete(m.id)
        resolve?.(m)
        return
      }
      case 'lifecycle':
        return store.setLifecycle(m)
      case 'faultState':
        return store.setFaultState(m)
      case 'watchLines':
        return store.appendWatch(m.id, m.lines)
      case 'error':
        // Shown in the UI; a warning, not an error: bad input (e.g. an odd speed) is not a crash.
        console.warn(`[engine] ${m.message}`)
        return store.setWorkerError(m.message)
    }
  }
}

let current: Connection | null = null

function conn(): Connection {
  if (!current) throw new Error('the engine worker is not running')
  return current
}

/** Run a kubectl line; the answer arrives after the state it caused. */
export function kubectl(line: string, stdin?: string): Promise<ResultMessage> {
  return conn().request((id) => ({ type: 'kubectl', id, line, stdin }))
}

export function applyYaml(yaml: string): Promise<ResultMessage> {
  return conn().request((id) => ({ type: 'apply', id, yaml }))
}

export function scale(target: Omit<ScaleRequest, 'type' | 'id'>): Promise<ResultMessage> {
  return conn().request((id) => ({ type: 'scale', id, ...target }))
}

/** A line in a node or pod shell (src/ui/shells); the result's `command` is what ran. */
export function shellLine(target: ShellTarget, line: string): Promise<ResultMessage> {
  return conn().request((id) => ({ type: 'shell', id, target, line }))
}

/** Ctrl+C on a `kubectl get -w` started by request `id`. */
export function stopWatch(id: number): void {
  current?.send({ type: 'stopWatch', id })
}

/** Verbs, flags and resource types for Tab completion. */
export async function fetchCatalog(): Promise<KubectlCatalog | null> {
  // An engine without a catalog answers with a plain `result`: completion then knows only names.
  const m = await conn().request<CatalogMessage | ResultMessage>((id) => ({ type: 'catalog', id }))
  return m.type === 'catalog' ? m.catalog : null
}

/** The cluster (or these objects) as YAML for `kubectl apply -f`, on the result's stdout. */
export function exportObjects(uids?: string[]): Promise<ResultMessage> {
  return conn().request((id) => ({ type: 'export', id, uids }))
}

/** `kubectl edit <args>` for the editor: the object's manifest on stdout, or kubectl's error. */
export function editObject(args: string): Promise<ResultMessage> {
  return conn().request((id) => ({ type: 'edit', id, args }))
}

/** Inject a fault through the engine's fault API; the result's `command` is the call that ran. */
export function injectFault(fault: Fault): Promise<ResultMessage> {
  return conn().request((id) => ({ type: 'fault', id, fault }))
}

/** Follow one pod's kubelet lifecycle records (null: stop). */
export function followLifecycle(target: Omit<LifecycleRequest, 'type'>): void {
  current?.send({ type: 'lifecycle', ...target })
}

/** Post a message as is (the Services client keeps its own request ids). False if no worker runs. */
export function sendRaw(m: ToWorker): boolean {
  if (!current) return false
  current.send(m)
  return true
}

export function control(action: 'play' | 'pause' | 'step', stepMs?: number): void {
  current?.send({ type: 'control', action, stepMs })
}

export function setSpeed(speed: Speed): void {
  current?.send({ type: 'speed', speed })
}

export function resync(): void {
  current?.send({ type: 'resync' })
}

function testOp(op: TestOp): Promise<TestResultMessage> {
  return conn().request((id) => ({ type: 'test', id, ...op }) as ToWorker)
}

/** The hooks e2e tests use (window.__kp). */
export const testHooks = {
  advance: (ms: number) => testOp({ op: 'advance', ms }),
  settle: (maxMs?: number) => testOp({ op: 'settle', maxMs }),
  ticks: (n: number) => testOp({ op: 'ticks', n }),
  state: () => testOp({ op: 'state' }),
  kubectl,
  /** The virtual clock as the UI mirror has it. */
  clock: () => useStore.getState().clock,
}

declare global {
  interface Window {
    __kp?: typeof testHooks
  }
}

/** Start the engine worker for the lifetime of the calling component. */
export function useEngineWorker(): void {
  useEffect(() => {
    const worker = new Worker(new URL('../worker/engine.worker.ts', import.meta.url), { type: 'module', name: 'kube-playground-engine' })
    const c = new Connection(worker)
    current = c
    window.__kp = testHooks
    return () => {
      if (current === c) current = null
      c.close()
    }
  }, [])
}
