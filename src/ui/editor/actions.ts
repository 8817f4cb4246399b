/**
 * What the editor's buttons do. Each is a kubectl command the worker runs, shown as "the
 * command behind your click" and echoed in the console:
 *   Apply           → kubectl apply -f -            (the editor's text on stdin)
 *   Edit (an object)→ kubectl edit deployment/web   (the object's manifest into the editor)
 *   Import a file   → kubectl apply -f <file name>  (the file's text into the editor, then Apply)
 */
import type { KObject } from '../../engine/index'
import type { ResultMessage } from '../../protocol'
import { applyYaml, editObject } from '../engine-client'
import { useStore } from '../store'

let nextEntry = 3_000_000

function echo(r: ResultMessage, command = r.command): void {
  const s = useStore.getState()
  s.setLastCommand({ id: r.id, text: command, ok: r.code === 0 })
  s.pushConsole({ id: ++nextEntry, command, code: r.code, stdout: r.stdout, stderr: r.stderr, fromClick: true })
}

/** Apply the editor's text; errors go onto the editor's lines. `as` is the command to show (a file name for imports). */
export async function applyEditor(as?: string): Promise<ResultMessage> {
  const s = useStore.getState()
  s.setEditorErrors(null)
  const r = await applyYaml(s.yamlText)
  const after = useStore.getState()
  after.setYamlResult({ code: r.code, text: [r.stdout, r.stderr].filter(Boolean).join('').trimEnd() })
  after.setEditorErrors(r.code === 0 ? null : r.stderr)
  after.setEditorCommand(as ?? r.command)
  echo(r, as ?? r.command)
  return r
}

/** The type/name kubectl accepts for an object: `deployment/web` (its kind in lower case). */
export function objectArg(o: KObject): string {
  const ns = o.metadata.namespace && o.metadata.namespace !== 'default' ? ` -n ${o.metadata.namespace}` : ''
  return `${o.kind.toLowerCase()}/${o.metadata.name}${ns}`
}

/** "Edit": the object's manifest (no status, no server-set fields) into the editor. */
export async function editFromClick(o: KObject): Promise<void> {
  const r = await editObject(objectArg(o))
  const s = useStore.getState()
  if (r.code === 0) s.loadEditor(r.stdout, { kind: 'edit', name: `${o.kind.toLowerCase()}/${o.metadata.name}` })
  s.setLastCommand({ id: r.id, text: r.command, ok: r.code === 0 })
  if (r.code !== 0) echo(r)
}

/** A file dropped on the editor or picked: load it, then apply it as `kubectl apply -f <name>` would. */
export async function importFile(file: File): Promise<ResultMessage> {
  const text = await file.text()
  useStore.getState().loadEditor(text, { kind: 'import', name: file.name })
  return applyEditor(`kubectl apply -f ${file.name}`)
}
