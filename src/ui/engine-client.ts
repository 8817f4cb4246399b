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
import { PROTOCOL_VERSION, type FromWorker, type ResultMessage, type ScaleRequest, type Speed, type TestOp, type TestResultMessage, type ToWorker } from '../protocol'
import { useStore } from './store'

type Pending = (m: ResultMessage | TestResultMessage) => void

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

  request<T extends ResultMessage | TestResultMessage>(make: (id: number) => ToWorker): Promise<T> {
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
      case 'testResult': {
        const resolve = this.pending.get(m.id)
        this.pending.delete(m.id)
        resolve?.(m)
        return
      }
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
