/**
 * The UI's end of the Services messages (src/protocol-services.ts): requests get their own id
 * space and promises here; pushed messages (kube-proxy status, hit counters, stream batches,
 * scale progress) go straight into the store. Components call the exported functions; every
 * click still shows the command behind it (`kube-proxy --proxy-mode=ipvs`, `curl …`).
 */
import type {
  CompareMessage, ProxyMode, RulesMessage, ServicesFromWorker, ServicesToWorker, SvcResultMessage, TraceResultMessage, TraceSource,
} from '../../protocol'
import { sendRaw } from '../engine-client'
import { useStore } from '../store'

type Answer = TraceResultMessage | SvcResultMessage | RulesMessage | CompareMessage
type Pending = { resolve: (m: Answer) => void; reject: (e: Error) => void }

let nextId = 1
const pending = new Map<number, Pending>()

/** Distribute a worker message: answers to their promise, the rest to the store. */
export function receiveServices(m: ServicesFromWorker): void {
  const store = useStore.getState()
  switch (m.type) {
    case 'proxyStatus':
      return store.setProxyStatus(m)
    case 'hits':
      return store.setHits(m)
    case 'traffic':
      return store.onTraffic(m)
    case 'scaleProgress':
      return store.setScale(m)
    case 'svcError': {
      store.setSvcError(m.message)
      const p = pending.get(m.id)
      pending.delete(m.id)
      p?.reject(new Error(m.message))
      return
    }
    default: {
      const p = pending.get(m.id)
      pending.delete(m.id)
      p?.resolve(m)
    }
  }
}

function request<T extends Answer>(make: (id: number) => ServicesToWorker): Promise<T> {
  const id = nextId++
  return new Promise<T>((resolve, reject) => {
    pending.set(id, { resolve: resolve as (m: Answer) => void, reject })
    if (!sendRaw(make(id))) {
      pending.delete(id)
      reject(new Error('the engine worker is not running'))
    }
  })
}

/** Failures are shown in the panel (svcError); callers need not catch. */
async function quietly<T>(p: Promise<T>): Promise<T | undefined> {
  try {
    return await p
  } catch {
    return undefined
  }
}

function showCommand(r: SvcResultMessage | undefined): void {
  if (r?.command) useStore.getState().setLastCommand({ id: r.id, text: r.command, ok: r.code === 0 })
}

/** `curl <url>` from `source`, traced; the packet plays on the canvas. */
export async function sendRequest(source: TraceSource, url: string): Promise<void> {
  const r = await quietly(request<TraceResultMessage>((id) => ({ type: 'trace', id, source, url })))
  if (!r) return
  // The packet is what the right panel explains now.
  useStore.getState().select(null)
  useStore.getState().showTrace(r.result)
}

export async function startStream(source: TraceSource, url: string, perSecond: number): Promise<void> {
  const store = useStore.getState()
  const r = await quietly(request<SvcResultMessage>((id) => {
    store.setStream({ id, active: true, perSecond, url, sent: 0, ok: 0, failed: 0 })
    return { type: 'stream', id, source, url, perSecond }
  }))
  if (!r) store.setStream(null)
  showCommand(r)
}

export async function stopStream(): Promise<void> {
  const s = useStore.getState().stream
  await quietly(request<SvcResultMessage>((id) => ({ type: 'stream', id, source: { from: 'external' }, url: '', perSecond: 0 })))
  if (s) useStore.getState().setStream({ ...s, active: false })
}

export function resetHits(): Promise<unknown> {
  return quietly(request<SvcResultMessage>((id) => ({ type: 'trafficReset', id })))
}

/** Restart kube-proxy with `--proxy-mode=<mode>` on one node or all. */
export async function switchProxyMode(mode: ProxyMode, node?: string): Promise<void> {
  showCommand(await quietly(request<SvcResultMessage>((id) => ({ type: 'proxyMode', id, mode, node }))))
}

export async function kubeProxyFault(node: string, action: 'stop' | 'start'): Promise<void> {
  showCommand(await quietly(request<SvcResultMessage>((id) => ({ type: 'proxyFault', id, node, action }))))
}

/** Read a node's rule tables into the store (the Rules view). */
export async function loadRules(node: string): Promise<void> {
  const r = await quietly(request<RulesMessage>((id) => ({ type: 'rules', id, node })))
  if (r) useStore.getState().setRules(r)
}

export async function compareModes(source: TraceSource, url: string): Promise<void> {
  const store = useStore.getState()
  store.setCompare(null, true)
  const r = await quietly(request<CompareMessage>((id) => ({ type: 'compareModes', id, source, url })))
  useStore.getState().setCompare(r ?? null, false)
}

export function scaleServices(total: number): void {
  const s = useStore.getState()
  // Busy at once (the worker's first progress message follows within a tick).
  if (s.scale) s.setScale({ ...s.scale, total, phase: total > s.scale.created ? 'preparing' : total < s.scale.created ? 'deleting' : 'syncing' })
  sendRaw({ type: 'scaleServices', id: nextId++, total })
}
