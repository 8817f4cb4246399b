import { memo } from 'react'
import { useStore } from '../store'
import { useT } from '../i18n'
import { PROXY_MODES, type ProxyMode } from '../../protocol'
import { switchProxyMode } from '../traffic/client'
import { MODE_HOW, MODE_LABEL } from './modes'
import './services.css'
import './switch.css'

/**
 * kube-proxy's mode as a segmented switch: `node` set → that node only (node inspector),
 * otherwise every node (top bar). A click restarts kube-proxy with `--proxy-mode=<mode>`;
 * the new proxier cleans up the old mode's rules at its first sync.
 */
export const ProxyModeSwitch = memo(function ProxyModeSwitch({ node, compact }: { node?: string; compact?: boolean }) {
  const t = useT()
  const available = useStore((s) => s.proxy.available)
  const modes = useStore((s) => (node ? s.proxy.nodes.filter((n) => n.node === node) : s.proxy.nodes).map((n) => n.mode).join(','))
  if (!available) return null
  const list = modes ? (modes.split(',') as ProxyMode[]) : []
  const current = list.length && list.every((m) => m === list[0]) ? list[0] : undefined
  const scope = node ? `proxy-mode.${node}` : 'proxy-mode'
  return (
    <div className={`mode-switch${compact ? ' compact' : ''}`} role="radiogroup" aria-label={t('svc.modeSwitch.label')} data-testid={scope} data-mode={current ?? 'mixed'}>
      {compact ? null : <span className="mode-switch-label">{t('svc.modeSwitch.label')}</span>}
      {PROXY_MODES.map((m) => (
        <button
          key={m}
          role="radio"
          aria-checked={current === m}
          className={`mode-opt mode-${m}${current === m ? ' on' : ''}`}
          data-testid={`${scope}.${m}`}
          title={`${t(node ? 'svc.nodeProxy.switchTitle' : 'svc.modeSwitch.title', { mode: m })} — ${t(MODE_HOW[m])}`}
          onClick={() => current !== m && void switchProxyMode(m, node)}
        >
          {MODE_LABEL[m]}
        </button>
      ))}
      {!current && list.length ? <span className="mode-switch-mixed">{t('svc.modeSwitch.mixed')}</span> : null}
    </div>
  )
})

/**
 * The top bar's cluster-wide switch, compact: `kube-proxy [iptables ▾]` in the mode's colour.
 * Picking a mode restarts kube-proxy on every node with `--proxy-mode=<mode>`.
 */
export const ProxyModeSelect = memo(function ProxyModeSelect() {
  const t = useT()
  const available = useStore((s) => s.proxy.available)
  const modes = useStore((s) => s.proxy.nodes.map((n) => n.mode).join(','))
  if (!available) return null
  const list = modes ? (modes.split(',') as ProxyMode[]) : []
  const current = list.length && list.every((m) => m === list[0]) ? list[0] : undefined
  return (
    <label className={`mode-select mode-${current ?? 'mixed'}`} data-testid="proxy-mode" data-mode={current ?? 'mixed'} title={current ? t(MODE_HOW[current]) : t('svc.modeSwitch.mixed')}>
      <span className="mode-select-label">{t('svc.modeSwitch.label')}</span>
      <select
        data-testid="proxy-mode.select"
        value={current ?? ''}
        onChange={(e) => {
          const m = e.target.value as ProxyMode
          if (m && m !== current) void switchProxyMode(m)
        }}
      >
        {current ? null : <option value="">{t('svc.modeSwitch.mixed')}</option>}
        {PROXY_MODES.map((m) => (
          <option key={m} value={m} title={t('svc.modeSwitch.title', { mode: m })}>
            {MODE_LABEL[m]}
          </option>
        ))}
      </select>
    </label>
  )
})
