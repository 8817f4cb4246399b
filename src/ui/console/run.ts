/**
 * What a line typed in the kubectl console does. Almost everything is sent to the engine's
 * kubectl as typed; the console itself handles what a terminal would handle outside kubectl:
 * `clear`, `help` (the keys, then kubectl's own list of what is simulated), `kubectl edit`
 * (opens the YAML editor instead of $EDITOR) and the shell that `exec -it … sh` asks for.
 */
import { editObject, kubectl, stopWatch } from '../engine-client'
import { translate } from '../i18n'
import { useStore } from '../store'
import type { ConsoleEntry } from '../store/view'

let nextEntry = 1_000_000

/** What a typed line is, before it is run. */
export type Parsed = { kind: 'empty' } | { kind: 'clear' } | { kind: 'help' } | { kind: 'edit'; args: string } | { kind: 'kubectl'; line: string }

/** Classify a console line (with or without the leading `kubectl`). */
export function parseConsoleLine(line: string): Parsed {
  const l = line.trim()
  if (!l) return { kind: 'empty' }
  if (l === 'clear') return { kind: 'clear' }
  const words = l.split(/\s+/)
  const args = words[0] === 'kubectl' ? words.slice(1) : words
  if (args.length === 0) return { kind: 'kubectl', line: l }
  if (args[0] === 'help' && args.length === 1) return { kind: 'help' }
  // `edit` with something to edit opens the editor; bare `edit` and `edit -h` get kubectl's own answer.
  if (args[0] === 'edit' && args.length > 1 && !args.slice(1).some((a) => a === '-h' || a === '--help')) return { kind: 'edit', args: args.slice(1).join(' ') }
  return { kind: 'kubectl', line: l }
}

function push(e: Omit<ConsoleEntry, 'id'>): number {
  const id = ++nextEntry
  useStore.getState().pushConsole({ id, ...e })
  return id
}

const t = (key: Parameters<typeof translate>[1], vars?: Record<string, string | number>) => translate(useStore.getState().language, key, vars)

export async function runTyped(line: string): Promise<void> {
  const p = parseConsoleLine(line)
  const store = useStore.getState()
  switch (p.kind) {
    case 'empty':
      push({ command: '', stdout: '', stderr: '' })
      return
    case 'clear':
      return store.clearConsole()
    case 'help': {
      const id = push({ command: line.trim(), stdout: '', stderr: '', pending: true, info: t('console.help'), infoFirst: true })
      const r = await kubectl('help')
      useStore.getState().updateConsole(id, { pending: false, code: r.code, stdout: r.stdout, stderr: r.stderr, requestId: r.id })
      return
    }
    case 'edit': {
      const id = push({ command: line.trim(), stdout: '', stderr: '', pending: true })
      const r = await editObject(p.args)
      const s = useStore.getState()
      if (r.code === 0) {
        s.loadEditor(r.stdout, { kind: 'edit', name: p.args })
        s.setLastCommand({ id: r.id, text: r.command, ok: true })
      }
      s.updateConsole(id, { pending: false, code: r.code, stderr: r.stderr, info: r.code === 0 ? t('console.editOpened') : undefined })
      return
    }
    case 'kubectl': {
      const id = push({ command: line.trim(), stdout: '', stderr: '', pending: true })
      const r = await kubectl(p.line)
      const s = useStore.getState()
      s.updateConsole(id, { pending: false, code: r.code, stdout: r.stdout, stderr: r.stderr, requestId: r.id, watching: r.watching || undefined })
      if (r.shell) {
        const { namespace, pod, container } = r.shell
        s.openShell({ kind: 'pod', namespace, pod, container })
        s.updateConsole(id, { info: t('console.shellOpened', { pod }) })
      }
    }
  }
}

/** Ctrl+C: stop every running watch; with none, cancel the typed line (shown with `^C`, as a terminal does). */
export function interrupt(line: string): void {
  const s = useStore.getState()
  const live = s.consoleLog.filter((e) => e.watching)
  if (live.length) {
    for (const e of live) {
      if (e.requestId !== undefined) stopWatch(e.requestId)
      s.stopWatching(e.id)
    }
    return
  }
  push({ command: `${line}^C`, stdout: '', stderr: '' })
}
