import { Fragment, memo } from 'react'
import type { NodeVerdict } from '../../engine/index'
import { useStore } from '../store'
import { useT } from '../i18n'
import { formatClock } from '../model/time'

/** `NodeResourcesBalancedAllocation` may wrap at its words in a narrow column. */
function Breakable({ text }: { text: string }) {
  const parts = text.split(/(?=[A-Z][a-z])/)
  return (
    <>
      {parts.map((p, i) => (
        <Fragment key={i}>
          {i ? <wbr /> : null}
          {p}
        </Fragment>
      ))}
    </>
  )
}

const byName = (a: NodeVerdict, b: NodeVerdict) => a.node.localeCompare(b.node, 'en', { numeric: true })

/**
 * The scheduler's last decision for a pod, from its schedule record (REFERENCE 3): one column
 * per node; the first filter that rejected it and why, or each score plugin's normalized score
 * (0–100, weight in the row header) and the weighted total; ✓ on the chosen node; the FitError
 * message when no node fit.
 */
export const SchedulerTable = memo(function SchedulerTable({ podUid, preset }: { podUid: string; preset: boolean }) {
  const t = useT()
  const rec = useStore((s) => s.schedules[podUid])
  if (!rec) return <p className="muted">{preset ? t('sched.preset') : t('sched.none')}</p>
  const nodes = [...rec.nodes].sort(byName)
  const plugins: { plugin: string; weight: number }[] = []
  for (const n of nodes) for (const s of n.scores ?? []) if (!plugins.some((p) => p.plugin === s.plugin)) plugins.push({ plugin: s.plugin, weight: s.weight })
  return (
    <div className="sched" data-testid="sched">
      <div className="table-scroll">
        <table className="table sched-table" data-testid="sched.table">
          <thead>
            <tr>
              <th />
              {nodes.map((n) => (
                <th key={n.node} className={n.node === rec.selected ? 'chosen' : ''} data-testid={`sched.node.${n.node}`} data-chosen={n.node === rec.selected ? 'true' : undefined}>
                  {n.node}
                  {n.node === rec.selected ? <span className="chosen-mark" title={t('sched.chosen')}> ✓</span> : null}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            <tr>
              <th>{t('sched.filter')}</th>
              {nodes.map((n) =>
                n.filter ? (
                  <td key={n.node} className="bad filter-fail" data-testid={`sched.filter.${n.node}`}>
                    <div className="filter-reason">✗ {n.filter.reason}</div>
                    <div className="filter-plugin">
                      <Breakable text={n.filter.plugin} />
                    </div>
                  </td>
                ) : (
                  <td key={n.node} className={`ok pass${n.node === rec.selected ? ' chosen' : ''}`} title={t('sched.pass')}>
                    ✓
                  </td>
                ),
              )}
            </tr>
            {plugins.map((p) => (
              <tr key={p.plugin}>
                <th>
                  <Breakable text={p.plugin} /> <span className="weight">{t('sched.weight', { w: p.weight })}</span>
                </th>
                {nodes.map((n) => (
                  <td key={n.node} className={`num${n.node === rec.selected ? ' chosen' : ''}`}>
                    {n.scores?.find((s) => s.plugin === p.plugin)?.score ?? '—'}
                  </td>
                ))}
              </tr>
            ))}
            <tr className="total">
              <th>{t('sched.total')}</th>
              {nodes.map((n) => (
                <td key={n.node} className={`num${n.node === rec.selected ? ' chosen' : ''}`}>
                  {n.total ?? '—'}
                </td>
              ))}
            </tr>
          </tbody>
        </table>
      </div>
      {rec.message ? (
        <div className="fit-error" data-testid="sched.message">
          {t('sched.failed')} <code>{rec.message}</code>
        </div>
      ) : null}
      {rec.tiedForBest && rec.tiedForBest > 1 ? <p className="note">{t('sched.tied', { n: rec.tiedForBest })}</p> : null}
      <p className="muted small">{t('sched.explain')}</p>
      <p className="muted small">{t('sched.at', { time: formatClock(rec.time) })}</p>
    </div>
  )
})
