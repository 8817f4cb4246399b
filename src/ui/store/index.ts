/**
 * The one zustand store, built from slices (CONVENTIONS "UI"): the cluster mirror
 * (mirror.ts), the records (records.ts) and the view (view.ts). A diff from the worker is
 * applied with exactly one `set`. Components select exactly what they draw:
 *
 *   const pod = useStore((s) => s.objects[uid])
 *   const selected = useStore((s) => s.selection === uid)
 */
import { create } from 'zustand'
import type { DiffMessage, FaultStateMessage, FullMessage, LifecycleMessage, Speed } from '../../protocol'
import { INITIAL_MIRROR, mirrorDiff, mirrorForget, mirrorFull, type MirrorState } from './mirror'
import { INITIAL_RECORDS, recordsApply, recordsForgetPods, type RecordsState } from './records'
import { CONSOLE_SIZE, initialView, persist, type ConsoleEntry, type DrawerTab, type Theme, type ViewState } from './view'
import type { Language } from '../i18n/languages'
import { INITIAL_NODE_AGENTS, faultStateFrom, lifecycleFrom, type NodeAgentsState } from './node-agents'
import { INITIAL_TRAFFIC, trafficActions, type TrafficActions, type TrafficState } from '../traffic/slice'
import { servicesIndexDiff, servicesIndexFull } from '../services/services-index'
import { consoleActions, initialConsole, type ConsoleActions, type ConsoleState } from '../console/slice'

export interface Actions {
  applyDiff(d: DiffMessage): void
  applyFull(f: FullMessage): void
  /** A departed pod finished its exit animation. */
  forget(uid: string): void
  setStatus(s: { playing: boolean; speed: Speed; clock: number }): void
  select(uid: string | null): void
  setTheme(t: Theme): void
  setLanguage(l: Language): void
  setDrawerTab(t: DrawerTab): void
  setDrawerOpen(open: boolean): void
  setYamlText(text: string): void
  setYamlResult(r: ViewState['yamlResult']): void
  pushConsole(e: ConsoleEntry): void
  setLastCommand(c: ViewState['lastCommand']): void
  setProtocolError(message: string | null): void
  setWorkerError(message: string | null): void
  /** The followed pod's kubelet lifecycle records arrived (null: stop following). */
  setLifecycle(m: LifecycleMessage | null): void
  setFaultState(m: FaultStateMessage): void
}

export type State = MirrorState & RecordsState & ViewState & NodeAgentsState & TrafficState & Actions & TrafficActions & ConsoleState & ConsoleActions

const wallNow = () => globalThis.performance?.now() ?? 0

export const useStore = create<State>()((set, get) => ({
  ...INITIAL_MIRROR,
  ...INITIAL_RECORDS,
  ...initialView(),
  ...INITIAL_NODE_AGENTS,
  ...INITIAL_TRAFFIC,
  ...trafficActions(set, get),
  ...initialConsole(),
  ...consoleActions(set, get),

  applyDiff(d) {
    const s = get()
    const mirror = mirrorDiff(s, d, wallNow())
    const records = recordsApply(s, d.records, d.droppedRecords, d.clock)
    // Pods that finished leaving in this diff (timeout) take their scheduling decision with them.
    const gone = mirror.layout && mirror.layout !== s.layout ? Object.keys(s.layout.pods).filter((u) => !mirror.layout!.pods[u]) : []
    const forgotten = gone.length ? recordsForgetPods({ ...s, ...records }, gone) : {}
    const selection = s.selection && gone.includes(s.selection) ? { selection: null } : {}
    // Services and EndpointSlices by namespace, in time proportional to the diff (src/ui/services).
    const svcIndex = servicesIndexDiff(s.svcIndex, s.objects, d)
    set({ ...mirror, ...records, ...forgotten, ...selection, ...(svcIndex !== s.svcIndex ? { svcIndex } : {}) })
  },

  applyFull(f) {
    const s = get()
    const mirror = mirrorFull(s, f)
    // Activity counters and the rollout notes outlive a resync (a full state carries few records).
    const records = recordsApply({ ...INITIAL_RECORDS, activity: s.activity, rollouts: s.rollouts }, f.records, 0, f.clock)
    set({ ...mirror, ...INITIAL_RECORDS, activity: s.activity, rollouts: s.rollouts, ...records, svcIndex: servicesIndexFull(s.svcIndex, f) })
  },

  forget(uid) {
    const s = get()
    set({ ...mirrorForget(s, uid), ...recordsForgetPods(s, [uid]), ...(s.selection === uid ? { selection: null } : {}) })
  },

  setStatus({ playing, speed, clock }) {
    set({ playing, speed, clock: Math.max(clock, get().clock) })
  },

  select(uid) {
    set({ selection: uid })
  },

  setTheme(theme) {
    persist('kp.theme', theme)
    set({ theme })
  },

  setLanguage(language) {
    persist('kp.language', language)
    set({ language })
  },

  setDrawerTab(drawerTab) {
    set({ drawerTab, drawerOpen: true })
  },

  setDrawerOpen(drawerOpen) {
    set({ drawerOpen })
  },

  setYamlText(yamlText) {
    set({ yamlText })
  },

  setYamlResult(yamlResult) {
    set({ yamlResult })
  },

  pushConsole(e) {
    const log = get().consoleLog
    set({ consoleLog: log.length >= CONSOLE_SIZE ? [...log.slice(1 - CONSOLE_SIZE), e] : [...log, e] })
  },

  setLastCommand(lastCommand) {
    set({ lastCommand })
  },

  setProtocolError(protocolError) {
    set({ protocolError })
  },

  setWorkerError(workerError) {
    set({ workerError })
  },
  setLifecycle(m) {
    set({ lifecycle: m ? lifecycleFrom(m) : null })
  },
  setFaultState(m) {
    set({ faultState: faultStateFrom(m) })
  },
}))
