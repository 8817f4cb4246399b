import { memo, useMemo, useState } from 'react'
import type { KObject } from '../../engine/index'
import { useStore } from '../store'
import { useT, type MessageKey } from '../i18n'
import { formatClock, humanDuration } from '../model/time'
import { buildTimeline, foldRecords, POD_LANE, type Marker, type Segment } from './timeline'
import { usePodLifecycle } from './useLifecycle'
import './lifecycle.css'

const GLYPH: Record<Marker['kind'], string> = {
  probeOk: '✓',
  probeFail: '✗',
  ready: '▲',
  notReady: '▼',
  exit: '■',
  exitOk: '■',
  kill: '◆',
  hook: '◇',
  hookFail: '◆',
  restart: '↻',
  pullFail: '✗',
  info: '·',
}

const LEGEND: { kind: Segment['kind']; key: MessageKey }[] = [
  { kind: 'pulling', key: 'lc.seg.pulling' },
  { kind: 'running', key: 'lc.seg.running' },
  { kind: 'init', key: 'lc.seg.init' },
  { kind: 'crashBackOff', key: 'lc.seg.crashBackOff' },
  { kind: 'stopping', key: 'lc.seg.stopping' },
  { kind: 'postStart', key: 'lc.seg.hook' },
]

/** The part of the timeline on screen: all of it, or the last minutes. */
interface View {
  start: number
  end: number
  origin: number
}
const WINDOWS = [null, 120_000, 30_000] as const
const pct = (v: View, at: number) => Math.min(100, Math.max(0, ((at - v.start) / (v.end - v.start)) * 100))
const rel = (v: View, at: number) => `+${humanDuration(at - v.origin)}`

function describe(m: Marker): string {
  return `${m.stage}${m.detail ? `: ${m.detail}` : ''}`
}

/**
 * The pod's life at a glance: one lane for the pod and one per container, coloured by state
 * on virtual time (pulling, running, back-off, stopping; hooks as a band over the lane; a
 * green/amber line for readiness), with markers for every probe, readiness change, kill, exit
 * and restart; below, the same records as a compact list. Hover anything for the kubelet's words.
 */
export const LifecycleTimeline = memo(function LifecycleTimeline({ pod }: { pod: KObject }) {
  const t = useT()
  const live = useStore((s) => !!s.objects[pod.metadata.uid as string])
  const { records, source } = usePodLifecycle(pod)
  const clock = useStore((s) => Math.floor(s.clock / 250) * 250)
  const [all, setAll] = useState(false)
  const [win, setWin] = useState<(typeof WINDOWS)[number]>(null)
  const containers = useMemo(
    () => ({
      init: ((pod.spec?.initContainers ?? []) as { name: string }[]).map((c) => c.name),
      regular: ((pod.spec?.containers ?? []) as { name: string }[]).map((c) => c.name),
    }),
    [pod.spec],
  )
  const now = live ? clock : (records.at(-1)?.at ?? clock)
  const tl = useMemo(() => buildTimeline(records, containers, now), [records, containers, now])
  const list = useMemo(() => foldRecords(records), [records])
  const shown = all ? list : list.slice(-14)
  const view: View = { start: win && tl.end - win > tl.start ? tl.end - win : tl.start, end: tl.end, origin: tl.start }
  const inView = (from: number, to: number) => to >= view.start && from <= view.end
  const ticks = [0, 0.5, 1].map((f) => view.start + f * (view.end - view.start))
  return (
    <div className="lifecycle" data-testid="lifecycle" data-source={source}>
      {!records.length ? (
        <p className="muted">{pod.spec?.nodeName ? t('lc.none') : t('lc.notOnNode')}</p>
      ) : (
        <>
          <div className="lc-toolbar">
            <span className="muted small">{t('lc.window')}</span>
            <div className="segmented small" role="radiogroup" aria-label={t('lc.window')}>
              {WINDOWS.map((w) => (
                <button key={String(w)} role="radio" aria-checked={win === w} className={`seg${win === w ? ' on' : ''}`} data-testid={`lifecycle.window.${w ?? 'all'}`} onClick={() => setWin(w)}>
                  {w === null ? t('lc.windowAll') : t('lc.windowLast', { d: humanDuration(w) })}
                </button>
              ))}
            </div>
          </div>
          <div className="lc-chart" data-testid="lifecycle.chart">
            {tl.lanes.map((lane) => (
              <div key={lane.id} className={`lc-lane${lane.id === POD_LANE ? ' lc-podlane' : ''}`} data-testid={`lifecycle.lane.${lane.id === POD_LANE ? 'pod' : lane.id}`}>
                <div className="lc-label mono" title={lane.id === POD_LANE ? t('lc.podLane') : lane.label}>
                  {lane.id === POD_LANE ? t('lc.podLane') : lane.label}
                  {lane.init ? <span className="lc-init">init</span> : null}
                </div>
                <div className="lc-track">
                  {tl.segments
                    .filter((s) => s.lane === lane.id && inView(s.from, s.to))
                    .map((s, i) => (
                      <div
                        key={i}
                        className={`lc-seg seg-${s.kind}${s.overlay ? ' overlay' : ''}${s.open ? ' open' : ''}`}
                        data-kind={s.kind}
                        style={{ left: `${pct(view, s.from)}%`, width: `${Math.max(0.6, pct(view, s.to) - pct(view, s.from))}%` }}
                        title={`${t(`lc.seg.${s.kind}` as MessageKey)} ${rel(view, s.from)} → ${s.open ? t('lc.now') : rel(view, s.to)}${s.detail ? ` · ${s.detail}` : ''}`}
                      />
                    ))}
                  {tl.ready
                    .filter((r) => r.lane === lane.id && inView(r.from, r.to))
                    .map((r, i) => (
                      <div key={`r${i}`} className={`lc-ready ${r.ready ? 'yes' : 'no'}`} style={{ left: `${pct(view, r.from)}%`, width: `${pct(view, r.to) - pct(view, r.from)}%` }} title={r.ready ? t('lc.ready') : t('lc.notReady')} />
                    ))}
                  {tl.markers
                    .filter((m) => m.lane === lane.id && m.kind !== 'info' && inView(m.at, m.at))
                    .map((m, i) => (
                      <span key={`m${i}`} className={`lc-mark mk-${m.kind}`} data-kind={m.kind} style={{ left: `${pct(view, m.at)}%` }} title={`${rel(view, m.at)} ${describe(m)}`}>
                        {m.kind === 'probeOk' ? null : GLYPH[m.kind]}
                      </span>
                    ))}
                </div>
              </div>
            ))}
            <div className="lc-axis">
              <div className="lc-label" />
              <div className="lc-ticks">
                {ticks.map((at, i) => (
                  <span key={i} style={{ left: `${i * 50}%` }}>
                    {rel(view, at)}
                  </span>
                ))}
              </div>
            </div>
          </div>
          <div className="lc-legend">
            {LEGEND.map((l) => (
              <span key={l.kind} className="lc-legend-item">
                <span className={`lc-swatch seg-${l.kind}`} />
                {t(l.key)}
              </span>
            ))}
            <span className="lc-legend-item">
              <span className="mk-probeOk">✓</span>/<span className="mk-probeFail">✗</span> {t('lc.probe')}
            </span>
            <span className="lc-legend-item">
              <span className="mk-ready">▲</span>/<span className="mk-notReady">▼</span> {t('lc.readiness')}
            </span>
            <span className="lc-legend-item">
              <span className="mk-restart">↻</span> {t('lc.restart')}
            </span>
          </div>
          <p className="muted small">
            {t('lc.caption', { start: formatClock(tl.start) })} {source === 'events' ? t('lc.fromEvents') : t('lc.fromKubelet')}
          </p>
          <ol className={`lc-list mono${all ? ' all' : ''}`} data-testid="lifecycle.list">
            {shown.map((r, i) => (
              <li key={`${r.at}-${i}`} className={`lc-item st-${r.stage}`} data-stage={r.stage}>
                <span className="lc-time">{rel(view, r.at)}</span>
                {r.container ? <span className="lc-container">{r.container}</span> : null}
                <span className="lc-stage">{r.stage}</span>
                {r.detail ? <span className="lc-detail">{r.detail}</span> : null}
                {r.count > 1 ? <span className="lc-count">×{r.count}</span> : null}
              </li>
            ))}
          </ol>
          {list.length > shown.length || all ? (
            <button className="link small" onClick={() => setAll(!all)}>
              {all ? t('lc.showRecent') : t('lc.showAll', { n: list.length })}
            </button>
          ) : null}
        </>
      )}
    </div>
  )
})
