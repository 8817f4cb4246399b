import { memo, useEffect, useRef, useState } from 'react'

/**
 * A small SVG line chart with a logarithmic x axis (Services: 1 → 10,000) and a linear y axis —
 * linear growth (iptables) bends upward, a flat line (IPVS) stays flat. Plain SVG: no charting
 * package for two charts.
 */
export interface Series {
  id: string
  label: string
  color: string
  dashed?: boolean
  points: { x: number; y: number }[]
}

const PAD = { l: 40, r: 10, t: 8, b: 26 }

/** The chart draws at the size of its box (text stays at its real size; no scaled-down SVG). */
function useSize<T extends HTMLElement>(): [React.RefObject<T | null>, { w: number; h: number }] {
  const ref = useRef<T>(null)
  const [size, setSize] = useState({ w: 300, h: 150 })
  useEffect(() => {
    const el = ref.current
    if (!el) return
    const ro = new ResizeObserver(() => setSize({ w: Math.max(160, el.clientWidth), h: Math.max(90, el.clientHeight) }))
    ro.observe(el)
    return () => ro.disconnect()
  }, [])
  return [ref, size]
}

function niceMax(v: number): number {
  if (v <= 10) return 10
  const p = 10 ** Math.floor(Math.log10(v))
  const m = v / p
  return (m <= 2 ? 2 : m <= 5 ? 5 : 10) * p
}

const short = (n: number) => (n >= 1_000_000 ? `${+(n / 1_000_000).toFixed(1)}M` : n >= 1000 ? `${+(n / 1000).toFixed(1)}k` : String(Math.round(n)))

export const ScaleChart = memo(function ScaleChart({ title, series, xLabel, testid }: { title: string; series: Series[]; xLabel: string; testid?: string }) {
  const [box, { w: W, h: H }] = useSize<HTMLDivElement>()
  const xs = series.flatMap((s) => s.points.map((p) => p.x))
  const ys = series.flatMap((s) => s.points.map((p) => p.y))
  const xMax = Math.max(10_000, ...xs)
  const yMax = niceMax(Math.max(1, ...ys))
  const lx = (x: number) => PAD.l + (Math.log10(Math.max(1, x)) / Math.log10(xMax)) * (W - PAD.l - PAD.r)
  const ly = (y: number) => H - PAD.b - (y / yMax) * (H - PAD.t - PAD.b)
  const xTicks = [1, 10, 100, 1000, 10_000].filter((v) => v <= xMax)
  const yTicks = [0, yMax / 2, yMax]
  return (
    <figure className="scale-chart" data-testid={testid}>
      <figcaption>{title}</figcaption>
      <div className="scale-chart-box" ref={box}>
      <svg width={W} height={H} viewBox={`0 0 ${W} ${H}`} role="img" aria-label={title}>
        {yTicks.map((v) => (
          <g key={v}>
            <line className="grid" x1={PAD.l} x2={W - PAD.r} y1={ly(v)} y2={ly(v)} />
            <text className="tick" x={PAD.l - 4} y={ly(v) + 3} textAnchor="end">
              {short(v)}
            </text>
          </g>
        ))}
        {xTicks.map((v) => (
          <text key={v} className="tick" x={lx(v)} y={H - PAD.b + 12} textAnchor="middle">
            {short(v)}
          </text>
        ))}
        <text className="axis" x={(W + PAD.l) / 2} y={H - 2} textAnchor="middle">
          {xLabel}
        </text>
        {series.map((s) => {
          const pts = [...s.points].sort((a, b) => a.x - b.x)
          return (
            <g key={s.id} data-series={s.id}>
              {pts.length > 1 ? <polyline fill="none" stroke={s.color} strokeWidth={2} strokeDasharray={s.dashed ? '5 4' : undefined} points={pts.map((p) => `${lx(p.x)},${ly(p.y)}`).join(' ')} /> : null}
              {s.dashed
                ? null
                : pts.map((p) => (
                    <circle key={p.x} cx={lx(p.x)} cy={ly(p.y)} r={3.5} fill={s.color}>
                      <title>{`${s.label}: ${p.x.toLocaleString('en')} → ${Math.round(p.y).toLocaleString('en')}`}</title>
                    </circle>
                  ))}
            </g>
          )
        })}
      </svg>
      </div>
      <div className="chart-legend">
        {series.map((s) => (
          <span key={s.id} className="chart-key">
            <span className={`chart-swatch${s.dashed ? ' dashed' : ''}`} style={{ borderColor: s.color, background: s.dashed ? 'transparent' : s.color }} />
            {s.label}
          </span>
        ))}
      </div>
    </figure>
  )
})
