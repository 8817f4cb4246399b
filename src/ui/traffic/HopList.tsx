import { memo, useEffect, useRef } from 'react'
import { useStore } from '../store'
import { useT } from '../i18n'
import { Icon } from '../icons'
import { changeText, whereText } from './header-parts'

/** Play, pause and step through the hops (the drawer and the packet inspector both have it). */
export const Playback = memo(function Playback({ compact }: { compact?: boolean }) {
  const t = useT()
  const trace = useStore((s) => s.trace)
  const hop = useStore((s) => s.hop)
  const playing = useStore((s) => s.tracePlaying)
  const { setHop, setTracePlaying } = useStore.getState()
  if (!trace) return null
  const n = trace.hops.length
  const id = (x: string) => (compact ? `packet.${x}` : `traffic.${x}`)
  const step = (d: number) => {
    setTracePlaying(false)
    setHop(hop + d)
  }
  return (
    <div className={`hop-controls${compact ? ' compact' : ''}`}>
      <button className="btn btn-icon" data-testid={id('restart')} title={t('traffic.restart')} aria-label={t('traffic.restart')} onClick={() => (setHop(0), setTracePlaying(true))}>
        <Icon name="restart" size={15} />
      </button>
      <button className="btn btn-icon" data-testid={id('prev')} disabled={hop <= 0} title={t('traffic.prev')} aria-label={t('traffic.prev')} onClick={() => step(-1)}>
        ◀
      </button>
      {playing ? (
        <button className="btn btn-icon" data-testid={id('pause')} title={t('traffic.pause')} aria-label={t('traffic.pause')} onClick={() => setTracePlaying(false)}>
          <Icon name="pause" size={15} />
        </button>
      ) : (
        <button className="btn btn-icon" data-testid={id('play')} title={t('traffic.play')} aria-label={t('traffic.play')} onClick={() => (hop >= n - 1 ? setHop(0) : undefined, setTracePlaying(true))}>
          <Icon name="play" size={15} />
        </button>
      )}
      <button className="btn btn-icon" data-testid={id('next')} disabled={hop >= n - 1} title={t('traffic.next')} aria-label={t('traffic.next')} onClick={() => step(1)}>
        ▶
      </button>
      <span className="mono hop-count" data-testid={id('hopIndex')}>
        {t('traffic.hopOf', { i: hop + 1, n })}
      </span>
      {compact ? null : (
        <span className={`traffic-response mono${trace.code ? ' failed' : ''}`} data-testid="traffic.response" title={trace.response}>
          {trace.code ? `${t('traffic.failed', { code: trace.code })} ${trace.response}` : t('traffic.servedBy', { pod: trace.servedBy ?? trace.response })}
        </span>
      )}
    </div>
  )
})

/** Every hop of the request; the current one is highlighted and kept in view; a click jumps there. */
export const HopList = memo(function HopList() {
  const t = useT()
  const trace = useStore((s) => s.trace)
  const hop = useStore((s) => s.hop)
  const list = useRef<HTMLOListElement>(null)
  useEffect(() => {
    list.current?.querySelector('.hop-row.current')?.scrollIntoView({ block: 'nearest' })
  }, [hop, trace])
  if (!trace) return <div className="hop-list empty muted">{t('traffic.empty')}</div>
  const costTitle = (c: { rules: number; hashLookups: number; contextSwitches: number; copies: number }) => t('traffic.costLine', { rules: c.rules, hash: c.hashLookups, cs: c.contextSwitches, copies: c.copies })
  return (
    <div className="hop-list" data-testid="hop-list">
      <Playback />
      <ol ref={list} className="hop-rows">
        {trace.hops.map((h, i) => (
          <li
            key={i}
            className={`hop-row phase-${h.phase}${i === hop ? ' current' : ''}${i > hop ? ' ahead' : ''}${h.change ? ' has-change' : ''}`}
            data-testid={`hop.${i}`}
            data-kind={h.kind}
            title={t(`traffic.phase.${h.phase}`)}
            onClick={() => (useStore.getState().setTracePlaying(false), useStore.getState().setHop(i))}
          >
            <span className="hop-i mono">{i + 1}</span>
            <span className="hop-kind">{t(`hop.${h.kind}`)}</span>
            <span className="hop-where mono">{whereText(h)}</span>
            <span className="hop-change mono">{changeText(h)}</span>
            <span className="hop-cost mono" title={costTitle(h.cost)}>
              {h.cost.rules ? `${h.cost.rules}r` : ''}
              {h.cost.hashLookups ? ` ${h.cost.hashLookups}#` : ''}
              {h.cost.contextSwitches ? ` ${h.cost.contextSwitches}cs` : ''}
            </span>
          </li>
        ))}
      </ol>
      <div className="hop-total mono" title={t('compare.total')}>
        Σ {costTitle(trace.cost)}
      </div>
    </div>
  )
})
