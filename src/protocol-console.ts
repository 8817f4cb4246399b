/**
 * The console feature's messages (kubectl console, node and pod shells, the YAML editor,
 * export), as members of the protocol unions in `protocol.ts`.
 *
 * Requests share the core id space (they go through the UI's one Connection) and are answered
 * by the core `result` message — except `catalog`, answered by a `catalog` message. A
 * `kubectl get -w` answers with a `result` marked `watching: true`; the watch then streams
 * `watchLines` with the same id until the UI sends `stopWatch` (Ctrl+C).
 *
 * @example
 *   worker.postMessage({ type: 'kubectl', id: 4, line: 'get pods -w' })
 *   // ← { type: 'result', id: 4, code: 0, stdout: 'NAME READY …\n', watching: true, … }
 *   // ← { type: 'watchLines', id: 4, lines: 'web-1 0/1 Pending 0 0s\n' } … as pods change
 *   worker.postMessage({ type: 'stopWatch', id: 4 })
 */
import type { KubectlCatalog } from './engine/index'

export type { KubectlCatalog }

/** Where a shell line runs: a node's own shell (or `external`, a host outside the cluster), or a container. */
export type ShellTarget = { kind: 'node'; node: string } | { kind: 'pod'; namespace: string; pod: string; container?: string }

/** `kubectl exec -it POD -- sh` asked for a terminal: the UI opens a pod shell tab for this container. */
export interface PodShell {
  namespace: string
  pod: string
  container: string
  /** The command after `--` (`sh`, `/bin/bash`). */
  command: string[]
}

// ---- UI → worker ------------------------------------------------------------------------------

/**
 * One line typed in a shell tab. A node line runs through the node's shell (`iptables-save`,
 * `ip route`, `curl`, …); a pod line runs as `kubectl exec POD -- sh -c '<line>'`.
 * Answered by `result`, whose `command` is what ran.
 */
export interface ShellRequest {
  type: 'shell'
  id: number
  target: ShellTarget
  line: string
}

/** Ctrl+C on a `kubectl get -w`: the worker forgets the watch started by request `id`. */
export interface StopWatchRequest {
  type: 'stopWatch'
  id: number
}

/** The verbs, their flags and the served resource types, for Tab completion. */
export interface CatalogRequest {
  type: 'catalog'
  id: number
}

/**
 * The cluster as multi-document YAML `kubectl apply -f` accepts (no status, no server-set
 * fields, no controller-owned objects), or only the objects in `uids`. Answered by `result`
 * with the YAML on stdout.
 */
export interface ExportRequest {
  type: 'export'
  id: number
  uids?: string[]
}

/**
 * `kubectl edit TYPE NAME` for the editor: the object(s) `kubectl get <args> -o json` finds,
 * as manifests without status and server-set fields. Answered by `result`: the YAML on stdout,
 * or kubectl's own error (e.g. NotFound) on stderr.
 */
export interface EditRequest {
  type: 'edit'
  id: number
  /** What follows `kubectl edit`: `deployment web -n shop`, `deploy/web`. */
  args: string
}

export type ConsoleToWorker = ShellRequest | StopWatchRequest | CatalogRequest | ExportRequest | EditRequest

export const CONSOLE_REQUEST_TYPES = ['shell', 'stopWatch', 'catalog', 'export', 'edit'] as const

export function isConsoleRequest(m: { type: string }): m is ConsoleToWorker {
  return (CONSOLE_REQUEST_TYPES as readonly string[]).includes(m.type)
}

// ---- worker → UI ------------------------------------------------------------------------------

/** New lines of a running `kubectl get -w` (request `id`), as kubectl prints them. */
export interface WatchLinesMessage {
  type: 'watchLines'
  id: number
  lines: string
}

export interface CatalogMessage {
  type: 'catalog'
  id: number
  catalog: KubectlCatalog
}

export type ConsoleFromWorker = WatchLinesMessage | CatalogMessage
