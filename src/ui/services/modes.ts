/**
 * The proxy modes as the UI shows them — one colour per mode, used everywhere (the kube-proxy
 * chips, the mode switch, the comparison columns, the scale chart), so a colour always means
 * the same mode. The CSS variables are defined in services.css (light and dark).
 */
import type { ProxyMode } from '../../protocol'
import type { MessageKey } from '../i18n'

export const MODE_COLOR_VAR: Record<ProxyMode, string> = {
  userspace: 'var(--mode-userspace)',
  iptables: 'var(--mode-iptables)',
  ipvs: 'var(--mode-ipvs)',
}

/** `IPVS`, `iptables`, `userspace`: how kube-proxy's docs write them. */
export const MODE_LABEL: Record<ProxyMode, string> = { userspace: 'userspace', iptables: 'iptables', ipvs: 'IPVS' }

/** One line on how the mode moves a packet. */
export const MODE_HOW: Record<ProxyMode, MessageKey> = {
  userspace: 'svc.mode.how.userspace',
  iptables: 'svc.mode.how.iptables',
  ipvs: 'svc.mode.how.ipvs',
}

/** What it means when kube-proxy stops, in this mode (REFERENCE 9.8 and 11). */
export const STOPPED_MEANING: Record<ProxyMode, MessageKey> = {
  userspace: 'svc.stopped.userspace',
  iptables: 'svc.stopped.kernel',
  ipvs: 'svc.stopped.kernel',
}
