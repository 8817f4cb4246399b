import { memo, useMemo } from 'react'
import { useStore } from '../store'
import { useT, type MessageKey, type TFunction } from '../i18n'
import type { PerfFactView, ProxyMode, ScalePoint } from '../../protocol'
import { PROXY_MODES } from '../../protocol'
import { scaleServices } from '../traffic/client'
import { MODE_COLOR_VAR, MODE_LABEL } from './modes'
import { ScaleChart, type Series } from './ScaleChart'
import './scale.css'

const STEPS = [10, 100, 1000, 10_000] as const

/** A published figure as a caption: the translated sentence with the numbers filled in, and its source. */
export function factText(t: TFunction, f: PerfFactView): string {
  const vars = Object.fromEntries(Object.entries(f.figures).map(([k, v]) => [k, typeof v === 'number' ? v.toLocaleString('en') : v]))
  return t(`fact.${f.id}` as MessageKey, vars)
}

export const FactList = memo(function FactList({ facts, testid }: { facts: readonly PerfFactView[]; testid?: string }) {
  const t = useT()
  return (
    <ul className="fact-list" data-testid={testid}>
      {facts.map((f) => (
        <li key={f.id} data-fact={f.id}>
          <b>{f.id}</b> {factText(t, f)}
          <div className="fact-source">{t('fact.source', { source: f.source })}</div>
        </li>
      ))}
    </ul>
  )
})

function seriesOf(points: readonly ScalePoint[], t: TFunction): { rules: Series[]; cost: Series[] } {
  const rules: Series[] = []
  const cost: Series[] = []
  for (const mode of PROXY_MODES) {
    const pts = points.filter((p) => p.mode === mode)
    if (!pts.length) continue
    rules.push({ id: `rules-${mode}`, label: MODE_LABEL[mode], color: MODE_COLOR_VAR[mode], points: pts.map((p) => ({ x: p.services, y: p.nodes[0]?.total ?? 0 })) })
    const measured = pts.filter((p) => p.measured)
    if (measured.length) cost.push({ id: `measured-${mode}`, label: `${MODE_LABEL[mode]} · ${t('scale.measured')}`, color: MODE_COLOR_VAR[mode], points: measured.map((p) => ({ x: p.services, y: p.measured!.rules })) })
  }
  // The model at every measured size, for iptables (linear) and IPVS (flat).
  const sizes = [...new Set(points.map((p) => p.services))].sort((a, b) => a - b)
  for (const mode of ['iptables', 'ipvs'] as ProxyMode[]) {
    const pts = sizes.map((x) => ({ x, y: points.find((p) => p.services === x)!.modelled[mode].rulesTraversed }))
    if (pts.length) cost.push({ id: `model-${mode}`, label: `${MODE_LABEL[mode]} · ${t('scale.modelled')}`, color: MODE_COLOR_VAR[mode], dashed: true, points: pts })
  }
  return { rules, cost }
}

/** The drawer's Scale tab: grow to 10 → 10,000 Services and chart what kube-proxy does with them. */
export function ScalePanel() {
  const t = useT()
  const scale = useStore((s) => s.scale)
  const modes = useStore((s) => s.proxy.nodes.map((n) => n.mode).join())
  const busy = !!scale && scale.phase !== 'done' && scale.phase !== 'error'
  const points = useMemo(() => scale?.points ?? [], [scale?.points])
  const { rules, cost } = useMemo(() => seriesOf(points, t), [points, t])
  const phaseText = scale ? t(`scale.phase.${scale.phase}`, { created: scale.created.toLocaleString('en'), total: scale.total.toLocaleString('en'), error: scale.error ?? '' }) : ''
  const pct = scale && scale.total ? Math.min(100, (100 * scale.created) / scale.total) : 0
  return (
    <div className="scale-panel" data-testid="scale-panel">
      <div className="scale-controls">
        <div className="scale-title">{t('scale.title')}</div>
        <p className="scale-intro">{t('scale.intro')}</p>
        <div className="scale-buttons">
          <span className="scale-grow-label">{t('scale.growTo')}</span>
          {STEPS.map((n) => (
            <button key={n} className="btn btn-small" data-testid={`scale.grow.${n}`} disabled={busy || (scale?.created ?? 0) >= n} onClick={() => scaleServices(n)} title={t('scale.grow', { n: n.toLocaleString('en') })}>
              {n.toLocaleString('en')}
            </button>
          ))}
        </div>
        <div className="scale-buttons">
          <button className="btn btn-small" data-testid="scale.measure" disabled={busy || !scale?.created} onClick={() => scaleServices(scale?.created ?? 0)} title={modes}>
            {t('scale.measure')}
          </button>
          <button className="btn btn-small" data-testid="scale.remove" disabled={busy || !scale?.created} onClick={() => scaleServices(0)}>
            {t('scale.remove')}
          </button>
        </div>
        {scale ? (
          <div className={`scale-progress phase-${scale.phase}`} data-testid="scale.progress" data-phase={scale.phase} data-created={scale.created} data-total={scale.total}>
            <div className="scale-bar">
              <span style={{ width: `${scale.phase === 'creating' ? pct : scale.phase === 'done' ? 100 : pct}%` }} />
            </div>
            <div>{phaseText}</div>
            {scale.command && busy ? <code className="scale-cmd">$ {scale.command}</code> : null}
          </div>
        ) : null}
      </div>
      <div className="scale-charts">
        {points.length ? (
          <>
            <ScaleChart title={t('scale.rulesChart')} series={rules} xLabel={t('scale.axis')} testid="scale.chart.rules" />
            <ScaleChart title={t('scale.costChart')} series={cost} xLabel={t('scale.axis')} testid="scale.chart.cost" />
          </>
        ) : (
          <div className="muted scale-empty">{t('scale.noPoints')}</div>
        )}
      </div>
      <div className="scale-facts">
        <div className="scale-title">{t('scale.facts')}</div>
        <FactList facts={scale?.facts ?? []} testid="scale.facts" />
      </div>
    </div>
  )
}
