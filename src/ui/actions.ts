/**
 * What buttons and panels do: send the request to the worker and put its answer where the
 * person looks (console, YAML result, "the command behind the click"). No Kubernetes logic:
 * every action is a kubectl command the worker runs.
 */
import type { KObject } from '../engine/index'
import type { Fault, ResultMessage, ScaleRequest } from '../protocol'
import { applyYaml, injectFault, kubectl, scale } from './engine-client'
import { useStore } from './store'

let entryId = 0

function logResult(r: ResultMessage, fromClick: boolean): void {
  useStore.getState().pushConsole({ id: ++entryId, command: r.command, code: r.code, stdout: r.stdout, stderr: r.stderr, fromClick })
}

/** +/− on a workload: `kubectl scale <kind>/<name> --replicas=N`. */
export async function scaleFromClick(obj: KObject, replicas: number): Promise<void> {
  const r = await scale({
    namespace: obj.metadata.namespace ?? 'default',
    kind: obj.kind as ScaleRequest['kind'],
    name: obj.metadata.name as string,
    replicas,
  })
  useStore.getState().setLastCommand({ id: r.id, text: r.command, ok: r.code === 0 })
  logResult(r, true)
}

/**
 * A button that runs a kubectl line (set image, rollout undo, patch, …): the line is shown as
 * "the command behind your click" and echoed in the console with kubectl's answer.
 */
export async function runFromClick(line: string, stdin?: string): Promise<ResultMessage> {
  const r = await kubectl(line, stdin)
  useStore.getState().setLastCommand({ id: r.id, text: r.command, ok: r.code === 0 })
  logResult(r, true)
  return r
}

/** A fault button: the engine call that ran is shown like a command behind the click. */
export async function faultFromClick(fault: Fault): Promise<ResultMessage> {
  const r = await injectFault(fault)
  useStore.getState().setLastCommand({ id: r.id, text: r.command, ok: r.code === 0 })
  logResult(r, true)
  return r
}

/** A line typed into the console. */
export async function runConsoleLine(line: string): Promise<void> {
  const r = await kubectl(line)
  logResult(r, false)
}

/** The YAML panel's Apply button. */
export async function applyFromPanel(yaml: string): Promise<void> {
  const r = await applyYaml(yaml)
  const text = [r.stdout, r.stderr].filter(Boolean).join('').trimEnd()
  useStore.getState().setYamlResult({ code: r.code, text })
  logResult(r, true)
}
