import { memo } from 'react'
import { useStore } from '../store'
import { useT } from '../i18n'
import { formatClock } from '../model/time'
import { Field, Section } from '../inspector/parts'
import { kubeProxyFault } from '../traffic/client'
import { openRulesFor } from '../traffic/open-rules'
import { ProxyModeSwitch } from './ProxyModeSwitch'
import { STOPPED_MEANING } from './modes'

/** The node inspector's kube-proxy section: mode (switchable here for this node), running or stopped, rule counts. */
export const NodeProxySection = memo(function NodeProxySection({ node }: { node: string }) {
  const t = useT()
  const available = useStore((s) => s.proxy.available)
  const st = useStore((s) => s.proxy.nodes.find((n) => n.node === node))
  if (!available || !st) {
    return (
      <Section title={t('svc.nodeProxy.title')} testid="node.kubeProxy">
        <p className="muted">{t('svc.kproxy.unavailable')}</p>
      </Section>
    )
  }
  return (
    <Section title={t('svc.nodeProxy.title')} testid="node.kubeProxy">
      <dl className="fields">
        <Field label={t('svc.nodeProxy.mode')}>
          <ProxyModeSwitch node={node} compact />
        </Field>
        <Field label={t('svc.nodeProxy.status')} testid="node.kubeProxy.status">
          <span className={st.running ? 'ok' : 'bad'}>{st.running ? t('svc.nodeProxy.running') : t('svc.nodeProxy.stopped')}</span>
          {st.pendingChanges ? <span className="muted"> · {t('svc.nodeProxy.pending')}</span> : null}
        </Field>
        <Field label={t('svc.nodeProxy.lastSync')}>
          <span className="mono">{st.lastSyncAt !== undefined ? formatClock(st.lastSyncAt) : t('svc.nodeProxy.never')}</span>
        </Field>
        <Field label={t('svc.nodeProxy.rules')}>
          <span className="mono">{t('svc.nodeProxy.rulesValue', { nat: st.rules.nat.toLocaleString('en'), filter: st.rules.filter.toLocaleString('en'), chains: st.rules.chains.toLocaleString('en') })}</span>
          {st.ipvs ? (
            <div className="mono">{t('svc.nodeProxy.ipvsValue', { vs: st.ipvs.virtualServers.toLocaleString('en'), rs: st.ipvs.realServers.toLocaleString('en') })}</div>
          ) : null}
        </Field>
      </dl>
      {st.running ? null : <p className="kproxy-warning-text">{t(STOPPED_MEANING[st.mode])}</p>}
      <div className="node-proxy-actions">
        <button className="btn btn-small" data-testid="node.kubeProxy.toggle" onClick={() => void kubeProxyFault(node, st.running ? 'stop' : 'start')}>
          {st.running ? t('svc.nodeProxy.stop') : t('svc.nodeProxy.start')}
        </button>
        <button className="btn btn-small" data-testid="node.kubeProxy.rules" onClick={() => openRulesFor(node)}>
          {t('svc.nodeProxy.showRules')}
        </button>
      </div>
    </Section>
  )
})
