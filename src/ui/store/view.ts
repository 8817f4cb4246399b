/**
 * The view slice: what the person is looking at and doing — selection, time controls as the
 * worker reported them, theme, language, the drawer, the console and YAML panels.
 */
import type { Speed } from '../../protocol'
import { initialLanguage, type Language } from '../i18n/languages'
import { EXAMPLE_REPLICASET } from '../drawer/examples'

export type Theme = 'light' | 'dark'
export type DrawerTab = 'yaml' | 'console' | 'events' | 'log' | ShellTab | ServicesTab
/** The Services feature's tabs (src/ui/traffic, src/ui/rules, src/ui/services). */
export type ServicesTab = 'traffic' | 'rules' | 'scale'
/** A node or pod shell's tab (src/ui/shells): `shell:<session id>`. */
export type ShellTab = `shell:${string}`

export interface ConsoleEntry {
  id: number
  command: string
  code?: number
  stdout: string
  stderr: string
  /** Came from a click, not from typing. */
  fromClick?: boolean
  /** The worker request behind it (a `get -w` streams `watchLines` with this id). */
  requestId?: number
  /** Still waiting for the answer. */
  pending?: boolean
  /** A `kubectl get -w` still streaming (Ctrl+C stops it). */
  watching?: boolean
  /** The prompt it was typed at (`$`, `node-1$`, `/ #`). */
  prompt?: string
  /** A line from the console itself (help, `^C`), in the UI's language, not kubectl's output. */
  info?: string
  /** Show `info` above the output (an introduction) rather than below it (a note). */
  infoFirst?: boolean
}

export interface ViewState {
  selection: string | null
  playing: boolean
  speed: Speed
  theme: Theme
  language: Language
  drawerOpen: boolean
  drawerTab: DrawerTab
  consoleLog: readonly ConsoleEntry[]
  /** "The command behind the click": the kubectl line the last button ran. */
  lastCommand: { id: number; text: string; ok: boolean } | null
  yamlText: string
  yamlResult: { code: number; text: string } | null
  protocolError: string | null
  workerError: string | null
}

/** Console entries kept. */
export const CONSOLE_SIZE = 100

function initialTheme(): Theme {
  try {
    const saved = globalThis.localStorage?.getItem('kp.theme')
    if (saved === 'light' || saved === 'dark') return saved
  } catch {
    // storage unavailable
  }
  return globalThis.matchMedia?.('(prefers-color-scheme: dark)').matches ? 'dark' : 'light'
}

export function initialView(): ViewState {
  return {
    selection: null,
    playing: true,
    speed: 1,
    theme: initialTheme(),
    language: initialLanguage(),
    drawerOpen: true,
    drawerTab: 'yaml',
    consoleLog: [],
    lastCommand: null,
    yamlText: EXAMPLE_REPLICASET,
    yamlResult: null,
    protocolError: null,
    workerError: null,
  }
}

export function persist(key: 'kp.theme' | 'kp.language', value: string): void {
  try {
    globalThis.localStorage?.setItem(key, value)
  } catch {
    // storage unavailable: the choice lasts for this page only
  }
}
