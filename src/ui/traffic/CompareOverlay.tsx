import { memo } from 'react'
import { useStore } from '../store'
import { useT } from '../i18n'
import { Icon } from '../icons'
import type { CompareColumn } from '../../protocol'
import { MODE_HOW, MODE_LABEL } from '../services/modes'
import { FactList } from '../services/ScalePanel'
import { whereText } from './header-parts'

const Column = memo(function Column({ c }: { c: CompareColumn }) {
  const t = useT()
  const r = c.result
  return (
    <section className={`cmp-col mode-${c.mode}`} data-testid={`compare.${c.mode}`}>
      <header className="cmp-head">
        <span className="cmp-mode">{MODE_LABEL[c.mode]}</span>
        <span className="cmp-how">{t(MODE_HOW[c.mode])}</span>
      </header>
      {r ? (
        <>
          <ol className="cmp-hops">
            {r.hops
              // The way there: replies are conntrack reversing the same translations.
              .filter((h) => h.phase === 'request')
              .map((h, i) => (
                <li key={i} className={`cmp-hop phase-${h.phase}${h.change ? ' has-change' : ''}${h.kind === 'kube-proxy' ? ' proxy' : ''}`}>
                  <span className="cmp-kind">{t(`hop.${h.kind}`)}</span>
                  <span className="cmp-where mono">{h.change ? h.change.kind : whereText(h)}</span>
                  <span className="cmp-cost mono">
                    {h.cost.rules ? `${h.cost.rules}r` : ''}
                    {h.cost.hashLookups ? ` ${h.cost.hashLookups}#` : ''}
                    {h.cost.contextSwitches ? ` ${h.cost.contextSwitches}cs` : ''}
                  </span>
                </li>
              ))}
          </ol>
          <dl className="cmp-total" data-testid={`compare.${c.mode}.total`} data-rules={r.cost.rules} data-hash={r.cost.hashLookups} data-cs={r.cost.contextSwitches}>
            <div>
              <dt>{t('compare.rules')}</dt>
              <dd>{r.cost.rules}</dd>
            </div>
            <div>
              <dt>{t('compare.hash')}</dt>
              <dd>{r.cost.hashLookups}</dd>
            </div>
            <div>
              <dt>{t('compare.cs')}</dt>
              <dd>{r.cost.contextSwitches}</dd>
            </div>
            <div>
              <dt>{t('compare.copies')}</dt>
              <dd>{r.cost.copies}</dd>
            </div>
          </dl>
          <div className="cmp-foot">
            <span className={`mono ${r.code ? 'bad' : 'ok'}`} title={r.servedBy ?? r.response}>
              {r.code ? t('traffic.failed', { code: r.code }) : t('traffic.servedBy', { pod: (r.servedBy ?? r.response).split('/').pop() ?? '' })}
            </span>
            <button className="btn btn-small" data-testid={`compare.${c.mode}.play`} title={t('compare.show')} aria-label={t('compare.show')} onClick={() => (useStore.getState().select(null), useStore.getState().showTrace(r), useStore.getState().setCompare(null))}>
              ▶
            </button>
          </div>
        </>
      ) : (
        <p className="bad">{c.error}</p>
      )}
    </section>
  )
})

/** The same request under userspace, iptables and IPVS: three columns of hops and what each cost. */
export const CompareOverlay = memo(function CompareOverlay() {
  const t = useT()
  const cmp = useStore((s) => s.compare)
  const comparing = useStore((s) => s.comparing)
  if (!cmp && !comparing) return null
  return (
    <div className="cmp-panel-wrap">
      <div className="cmp-panel" data-testid="compare-panel" role="dialog" aria-label={t('compare.title')}>
        <div className="cmp-top">
          <span className="cmp-title">{t('compare.title')}</span>
          {cmp ? <span className="muted cmp-url mono">{cmp.columns[0]?.result?.url}</span> : null}
          <button className="btn btn-icon" onClick={() => useStore.getState().setCompare(null)} title={t('compare.close')} aria-label={t('compare.close')} data-testid="compare.close">
            <Icon name="close" size={15} />
          </button>
        </div>
        {cmp ? (
          <>
            <div className="cmp-cols">
              {cmp.columns.map((c) => (
                <Column key={c.mode} c={c} />
              ))}
            </div>
            <div className="cmp-bottom">
              <span className="muted">{t('compare.note')}</span>
              <FactList facts={cmp.facts.filter((f) => f.id === 'P7' || f.id === 'P12')} testid="compare.facts" />
            </div>
          </>
        ) : (
          <p className="muted">{t('compare.running')}</p>
        )}
      </div>
    </div>
  )
})
