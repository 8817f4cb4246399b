import { memo } from 'react'
import type { NodeProps } from '@xyflow/react'
import { useStore } from '../../store'
import { useT } from '../../i18n'
import type { KernelRFNode, KubeProxyRFNode, ProxyWarningRFNode } from '../graph'
import { MODE_HOW, MODE_LABEL, STOPPED_MEANING } from '../modes'
import { SvcIcon } from '../icons'

/** The node's kernel: where the rules kube-proxy wrote live, and where packets are matched. */
export const KernelChip = memo(function KernelChip({ data }: NodeProps<KernelRFNode>) {
  const t = useT()
  const rules = useStore((s) => s.proxy.nodes.find((n) => n.node === data.node)?.rules.total)
  return (
    <div className="kernel-chip" data-testid={`kernel.${data.node}`} title={t('svc.kernel.title', { n: rules ?? 0 })}>
      <SvcIcon name="chip" size={13} />
      <span>{t('svc.kernel')}</span>
      {rules !== undefined ? <span className="kernel-rules">{rules.toLocaleString('en')}</span> : null}
    </div>
  )
})

/** kube-proxy on the node: its mode (one colour per mode, everywhere), or stopped. */
export const KubeProxyChip = memo(function KubeProxyChip({ data }: NodeProps<KubeProxyRFNode>) {
  const t = useT()
  const st = useStore((s) => s.proxy.nodes.find((n) => n.node === data.node))
  const available = useStore((s) => s.proxy.available)
  // The packet is inside this process right now (userspace mode): it lights up.
  const busy = useStore((s) => {
    const h = s.trace && s.hop >= 0 ? s.trace.hops[s.hop] : undefined
    return h?.kind === 'kube-proxy' && h.where.node === data.node
  })
  if (!available || !st) {
    return (
      <div className="kproxy-chip unknown" data-testid={`kproxy.${data.node}`} title={t('svc.kproxy.unavailable')}>
        {t('svc.kproxy')}
      </div>
    )
  }
  const title = st.running ? t('svc.kproxy.title', { mode: MODE_LABEL[st.mode], how: t(MODE_HOW[st.mode]) }) : t(STOPPED_MEANING[st.mode])
  return (
    <div className={`kproxy-chip mode-${st.mode}${st.running ? '' : ' stopped'}${busy ? ' busy' : ''}`} data-testid={`kproxy.${data.node}`} data-mode={st.mode} data-running={String(st.running)} title={title}>
      <span className="kproxy-dot" />
      <span className="kproxy-name">{t('svc.kproxy')}</span>
      <span className="kproxy-mode">{st.running ? MODE_LABEL[st.mode] : `${MODE_LABEL[st.mode]} · ${t('svc.kproxy.stopped')}`}</span>
    </div>
  )
})

/** Under a node whose kube-proxy is stopped: what that means in its mode. */
export const ProxyWarning = memo(function ProxyWarning({ data }: NodeProps<ProxyWarningRFNode>) {
  const t = useT()
  const st = useStore((s) => s.proxy.nodes.find((n) => n.node === data.node))
  if (!st || st.running) return null
  return (
    <div className={`kproxy-warning mode-${st.mode}`} role="status" data-testid={`kproxy.${data.node}.warning`}>
      <SvcIcon name="warn" size={15} />
      <span>{t(STOPPED_MEANING[st.mode])}</span>
    </div>
  )
})
