import { memo, useMemo } from 'react'
import { useShallow } from 'zustand/react/shallow'
import { useStore } from '../store'
import { useT } from '../i18n'
import { resetHits } from './client'
import { endpointPods, serviceOfUrl, targetGroups } from './targets'
import type { MessageKey } from '../i18n'
import { useClusterLists } from './lists'

/** `web-748595ffdc-cpt4k` → `web-74…-cpt4k`: the random suffix is what tells pods apart. */
export function shortName(name: string): string {
  return name.length > 14 ? `${name.slice(0, 5)}…${name.slice(-6)}` : name
}

/**
 * Requests per pod, as bars: random in iptables mode (the counts drift apart), round-robin in
 * IPVS rr and userspace (they stay even), all on one pod with ClientIP affinity.
 */
export const HitsPanel = memo(function HitsPanel() {
  const t = useT()
  const { all } = useClusterLists()
  const form = useStore((s) => s.trafficForm)
  const hits = useStore((s) => s.hits)
  const mode = useStore(useShallow((s) => s.trace?.mode ?? s.proxy.nodes[0]?.mode))
  const url = form.url.startsWith('custom:') ? form.url.slice(7) : form.url
  const service = useMemo(() => serviceOfUrl(targetGroups(all, form.source), url), [all, form.source, url])
  const pods = useMemo(() => {
    const eps = service ? endpointPods(all, service) : []
    return [...new Set([...eps, ...Object.keys(hits.hits)])].sort()
  }, [all, service, hits.hits])
  const svcObj = useMemo(() => (service ? all.find((o) => o.kind === 'Service' && `${o.metadata.namespace}/${o.metadata.name}` === service) : undefined), [all, service])
  const max = Math.max(1, ...pods.map((p) => hits.hits[p] ?? 0))
  const hint: MessageKey | undefined = svcObj?.spec?.sessionAffinity === 'ClientIP' ? 'traffic.hint.affinity' : mode ? (`traffic.hint.${mode}` as MessageKey) : undefined
  return (
    <div className="hits-panel" data-testid="hits-panel">
      <div className="hits-head">
        <span className="hits-title">{t('traffic.hits')}</span>
        <button className="btn btn-small" data-testid="traffic.hitsReset" onClick={() => void resetHits()} disabled={!hits.total}>
          {t('traffic.hitsReset')}
        </button>
      </div>
      <ul className="hits-bars">
        {pods.map((p) => {
          const n = hits.hits[p] ?? 0
          return (
            <li key={p} data-testid={`hits.bar.${p}`} data-count={n}>
              <span className="hits-name mono" title={p}>
                {shortName(p.split('/')[1] ?? p)}
              </span>
              <span className="hits-bar">
                <span style={{ width: `${(100 * n) / max}%` }} />
              </span>
              <span className="hits-n mono">{n}</span>
            </li>
          )
        })}
      </ul>
      <div className="hits-foot">
        <span className="muted">{t('traffic.hitsTotal', { total: hits.total, failed: hits.failed })}</span>
        {hint ? <span className="hits-hint">{t(hint)}</span> : null}
      </div>
    </div>
  )
})
