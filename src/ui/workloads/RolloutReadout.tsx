import { memo, useMemo } from 'react'
import type { KObject } from '../../engine/index'
import { useStore } from '../store'
import { useT } from '../i18n'
import { formatClock } from '../model/time'
import { AnimatedCount } from './AnimatedCount'
import { deploymentView, rolloutPhase } from './model'
import { parseFenceposts } from './rollout-records'

/**
 * The live rollout readout of a Deployment: where it stands (in `kubectl rollout status`'s
 * words), the counts, the controller's latest arithmetic — maxSurge and maxUnavailable
 * resolved against `replicas`, hence the ceiling on pods and the floor on available ones —
 * its latest action with the reason, and the Progressing/Available conditions.
 */
export const RolloutReadout = memo(function RolloutReadout({ d }: { d: KObject }) {
  const t = useT()
  const key = `${d.metadata.namespace ?? 'default'}/${d.metadata.name}`
  const notes = useStore((s) => s.rollouts[key])
  const v = useMemo(() => deploymentView(d), [d])
  const phase = rolloutPhase(v)
  const fp = notes?.arithmetic ? parseFenceposts(notes.arithmetic.detail) : undefined
  const old = Math.max(0, v.replicas - v.updated)
  const cells: [string, number, string][] = [
    [t('inspector.desired'), v.desired, 'desired'],
    [t('wl.replicasCol'), v.replicas, 'replicas'],
    [t('wl.updated'), v.updated, 'updated'],
    [t('inspector.readyCount'), v.ready, 'ready'],
    [t('inspector.available'), v.available, 'available'],
  ]
  return (
    <div className="rollout" data-testid="rollout.readout">
      <div className={`rollout-phase phase-${phase}`} data-testid="rollout.phase" data-phase={phase}>
        {phase === 'complete' ? '✓ ' : ''}
        {t(`wl.phase.${phase}`, { updated: v.updated, desired: v.desired, available: v.available, old })}
        {v.paused ? <span className="badge badge-warn">{t('wl.paused')}</span> : null}
      </div>
      <div className="replica-grid five" data-testid="rollout.counts">
        {cells.map(([label, n, id]) => (
          <div key={id} className="replica-cell" data-testid={`rollout.count.${id}`}>
            <AnimatedCount className="replica-n" value={n} />
            <div className="muted small">{label}</div>
          </div>
        ))}
      </div>
      <div className="fenceposts" data-testid="rollout.arithmetic">
        <div className="fp-title">{t('wl.arithmetic')}</div>
        {v.strategy === 'Recreate' ? (
          <p className="fp-line">{t('wl.recreateExplain')}</p>
        ) : fp ? (
          <>
            <div className="fp-line">
              <code>maxSurge {fp.maxSurge}</code> {t('wl.ofDesired', { n: fp.desired })} → <b>{fp.surge}</b> <span className="muted small">{t('wl.roundUp')}</span>
            </div>
            <div className="fp-line">
              <code>maxUnavailable {fp.maxUnavailable}</code> {t('wl.ofDesired', { n: fp.desired })} → <b>{fp.unavailable}</b> <span className="muted small">{t('wl.roundDown')}</span>
            </div>
            <div className="fp-sum" data-testid="rollout.bounds">
              {t('wl.bounds', { max: fp.atMost, min: fp.atLeast, desired: fp.desired, surge: fp.surge, unavailable: fp.unavailable })}
            </div>
          </>
        ) : (
          <p className="fp-line muted">{t('wl.noArithmetic')}</p>
        )}
        {notes?.arithmetic ? (
          <div className="fp-raw mono" title={t('wl.recordTitle')}>
            {notes.arithmetic.detail}
          </div>
        ) : null}
      </div>
      {notes?.last ? (
        <div className="last-action" data-testid="rollout.last">
          <span className="muted small">
            {t('wl.lastAction', { time: formatClock(notes.last.time) })} <b>{notes.last.action}</b>
          </span>
          <div className="mono small">{notes.last.detail}</div>
        </div>
      ) : null}
      <table className="table compact conds" data-testid="rollout.conditions">
        <tbody>
          {(
            [
              ['Progressing', v.progressing],
              ['Available', v.availableCond],
            ] as const
          ).map(([type, c]) => (
            <tr key={type} title={c?.message}>
              <td className="nowrap">{type}</td>
              <td className={`nowrap ${c?.status === 'True' ? 'ok' : c?.status === 'False' ? 'bad' : ''}`}>{c?.status ?? '—'}</td>
              <td>
                <div className="mono small" data-testid={`rollout.cond.${type}`}>
                  {c?.reason ?? ''}
                </div>
                {c?.message ? <div className="muted small">{c.message}</div> : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  )
})
