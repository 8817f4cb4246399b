/**
 * The console slice: the kubectl console's running entries (the log itself, `consoleLog`, is
 * in the view slice so clicks elsewhere can echo into it), the open node/pod shells and their
 * logs, the completion catalog, the YAML editor's provenance and apply errors, and the
 * drawer's height.
 */
import type { KubectlCatalog, ShellTarget } from '../../protocol'
import { CONSOLE_SIZE, type ConsoleEntry, type DrawerTab, type ShellTab } from '../store/view'

export interface ShellSession {
  id: string
  target: ShellTarget
  log: readonly ConsoleEntry[]
}

/** What the editor holds, for its title: a template, an object opened for editing, an imported file. */
export type EditorSource = { kind: 'template'; name: string } | { kind: 'edit'; name: string } | { kind: 'import'; name: string } | { kind: 'export' } | null

export interface ConsoleState {
  catalog: KubectlCatalog | null
  shells: readonly ShellSession[]
  editorSource: EditorSource
  /** kubectl's stderr from the last failed Apply, mapped onto the editor's lines. */
  editorErrors: string | null
  /** Bumped whenever the editor's text is replaced from outside (template, edit, import). */
  editorLoads: number
  /** The kubectl line the last Apply ran as (`kubectl apply -f -`, or `… -f cluster.yaml` for an import). */
  editorCommand: string
  drawerHeight: number
}

export interface ConsoleActions {
  setCatalog(c: KubectlCatalog): void
  /** Patch a console entry (by entry id). */
  updateConsole(id: number, patch: Partial<ConsoleEntry>): void
  /** Ctrl+C on a watch: it ends with `^C` and stays at the bottom, where it was shown while live. */
  stopWatching(id: number): void
  /** Lines of a running watch, to whichever log holds its request. */
  appendWatch(requestId: number, lines: string): void
  clearConsole(): void
  /** Open (or focus) a shell on a node or container; returns its tab. */
  openShell(target: ShellTarget): ShellTab
  closeShell(id: string): void
  pushShell(id: string, e: ConsoleEntry): void
  updateShell(id: string, entryId: number, patch: Partial<ConsoleEntry>): void
  clearShell(id: string): void
  /** Replace the editor's text (and say where it came from); opens the YAML tab. */
  loadEditor(text: string, source: EditorSource): void
  setEditorErrors(stderr: string | null): void
  setEditorCommand(command: string): void
  setDrawerHeight(px: number): void
}

/** The drawer's height bounds (px): enough for a few lines, never the whole screen. */
export const DRAWER_MIN = 120
export const DRAWER_DEFAULT = 230
export const DRAWER_MAX_FRACTION = 0.75
/** A watch keeps at most this many characters of output (the newest). */
const WATCH_KEEP = 200_000

export function shellId(t: ShellTarget): string {
  return t.kind === 'node' ? `node:${t.node}` : `pod:${t.namespace}/${t.pod}/${t.container ?? ''}`
}

function initialHeight(): number {
  try {
    const v = Number(globalThis.localStorage?.getItem('kp.drawerHeight'))
    if (Number.isFinite(v) && v >= DRAWER_MIN) return v
  } catch {
    // storage unavailable
  }
  return DRAWER_DEFAULT
}

export function initialConsole(): ConsoleState {
  return { catalog: null, shells: [], editorSource: null, editorErrors: null, editorLoads: 0, editorCommand: 'kubectl apply -f -', drawerHeight: initialHeight() }
}

/** What the slice's actions read and write besides its own state. */
interface Host extends ConsoleState {
  consoleLog: readonly ConsoleEntry[]
  drawerTab: DrawerTab
  drawerOpen: boolean
  yamlText: string
  yamlResult: { code: number; text: string } | null
}
type Set = (partial: Partial<Host>) => void
type Get = () => Host

const patchLog = (log: readonly ConsoleEntry[], match: (e: ConsoleEntry) => boolean, patch: (e: ConsoleEntry) => Partial<ConsoleEntry>) =>
  log.some(match) ? log.map((e) => (match(e) ? { ...e, ...patch(e) } : e)) : log

const appendOut = (e: ConsoleEntry, lines: string) => ({ stdout: (e.stdout + lines).slice(-WATCH_KEEP) })

export function consoleActions(set: Set, get: Get): ConsoleActions {
  const setShell = (id: string, f: (s: ShellSession) => ShellSession) => set({ shells: get().shells.map((s) => (s.id === id ? f(s) : s)) })
  return {
    setCatalog: (catalog) => set({ catalog }),
    updateConsole: (id, patch) => set({ consoleLog: patchLog(get().consoleLog, (e) => e.id === id, () => patch) }),
    stopWatching: (id) => {
      const log = get().consoleLog
      const e = log.find((x) => x.id === id)
      if (e) set({ consoleLog: [...log.filter((x) => x !== e), { ...e, watching: false, info: '^C' }] })
    },
    appendWatch: (requestId, lines) => {
      const s = get()
      const mine = (e: ConsoleEntry) => e.requestId === requestId
      if (s.consoleLog.some(mine)) return set({ consoleLog: patchLog(s.consoleLog, mine, (e) => appendOut(e, lines)) })
      set({ shells: s.shells.map((sh) => (sh.log.some(mine) ? { ...sh, log: patchLog(sh.log, mine, (e) => appendOut(e, lines)) } : sh)) })
    },
    clearConsole: () => set({ consoleLog: get().consoleLog.filter((e) => e.watching) }),
    openShell: (target) => {
      const id = shellId(target)
      const tab: ShellTab = `shell:${id}`
      const s = get()
      if (!s.shells.some((x) => x.id === id)) set({ shells: [...s.shells, { id, target, log: [] }] })
      set({ drawerTab: tab, drawerOpen: true })
      return tab
    },
    closeShell: (id) => {
      const s = get()
      const at = s.shells.findIndex((x) => x.id === id)
      const shells = s.shells.filter((x) => x.id !== id)
      // Closing the tab you look at shows its neighbour (or the console), like a browser.
      const next = shells[Math.min(at, shells.length - 1)]
      set({ shells, ...(s.drawerTab === `shell:${id}` ? { drawerTab: next ? (`shell:${next.id}` as ShellTab) : 'console' } : {}) })
    },
    pushShell: (id, e) => setShell(id, (s) => ({ ...s, log: [...s.log.slice(1 - CONSOLE_SIZE), e] })),
    updateShell: (id, entryId, patch) => setShell(id, (s) => ({ ...s, log: patchLog(s.log, (e) => e.id === entryId, () => patch) })),
    clearShell: (id) => setShell(id, (s) => ({ ...s, log: [] })),
    loadEditor: (yamlText, editorSource) => set({ yamlText, editorSource, editorErrors: null, yamlResult: null, editorLoads: get().editorLoads + 1, drawerTab: 'yaml', drawerOpen: true }),
    setEditorErrors: (editorErrors) => set({ editorErrors }),
    setEditorCommand: (editorCommand) => set({ editorCommand }),
    setDrawerHeight: (px) => {
      const max = Math.max(DRAWER_MIN, Math.round((globalThis.innerHeight ?? 800) * DRAWER_MAX_FRACTION))
      const drawerHeight = Math.round(Math.min(max, Math.max(DRAWER_MIN, px)))
      try {
        globalThis.localStorage?.setItem('kp.drawerHeight', String(drawerHeight))
      } catch {
        // storage unavailable
      }
      set({ drawerHeight })
    },
  }
}
