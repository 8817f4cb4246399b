/**
 * The engine functions the console feature needs (see `ConsoleEngine` in console-host.ts),
 * bound to one cluster. Kept apart from console-host.ts so the runner and its tests do not
 * load the engine; only the worker entry (engine.worker.ts) and engine-backed tests do.
 */
import { editManifests, exportManifests, kubectlCatalog, watchLines, type Cluster, type WatchSpec } from '../engine/index'
import type { ConsoleEngine } from './console-host'

export function consoleEngine(cluster: Cluster): ConsoleEngine {
  return {
    catalog: () => kubectlCatalog(cluster.api.registry),
    exportManifests: (objects, opts) => exportManifests(objects, opts),
    editManifests: (objects) => editManifests(objects),
    timestamp: () => cluster.clock.timestamp(),
    // Every store event in order (a deleted object prints its last state), as kubectl's watch sees them.
    watchLines: (spec, events) => {
      const lines = watchLines(cluster, spec as WatchSpec, events.map((e) => e.object))
      return lines.length ? `${lines.join('\n')}\n` : ''
    },
  }
}
