/**
 * The Web Worker that owns the simulated cluster. Thin on purpose: the protocol and the
 * time-keeping live in EngineRunner (runner.ts, unit-tested); this file only wires it to
 * postMessage and a wall-clock timer — the one timer in the whole simulation.
 */
import { createCluster } from '../engine/index'
import type { FromWorker, ToWorker } from '../protocol'
import { EngineRunner } from './runner'
import { consoleEngine } from './console-engine'

/** ~one animation frame: at most one diff per frame reaches the UI. */
const TICK_MS = 16

const scope = self as unknown as DedicatedWorkerGlobalScope
const seed = 1
const nodes = 3

const cluster = createCluster({ seed, nodes })
const runner = new EngineRunner({
  cluster,
  post: (m: FromWorker) => scope.postMessage(m),
  now: () => performance.now(),
  seed,
  nodes,
  consoleEngine: consoleEngine(cluster),
})

scope.onmessage = (e: MessageEvent<ToWorker>) => runner.handle(e.data)
runner.start()
setInterval(() => runner.tick(), TICK_MS)
