import { memo } from 'react'
import type { KObject } from '../../engine/index'
import { useStore } from '../store'
import { useT } from '../i18n'
import { Icon } from '../icons'
import { faultFromClick } from '../actions'
import './faults.css'

const PULL_FACTORS = [1, 5, 20] as const

/**
 * Break a node on purpose: stop its kubelet (no more heartbeats: after the node monitor grace
 * period the node lifecycle controller marks it Unknown, its pods not Ready, and later evicts
 * them) or slow its image pulls (rollouts crawl, ContainerCreating lasts).
 */
export const NodeFaults = memo(function NodeFaults({ node }: { node: KObject }) {
  const t = useT()
  const name = node.metadata.name as string
  const stopped = useStore((s) => s.faultState.stoppedKubelets.includes(name))
  const factor = useStore((s) => s.faultState.slowPulls[name] ?? 1)
  const available = useStore((s) => s.faultState.available)
  return (
    <div className="faults" data-testid="faults.node">
      {!available ? <p className="note small">{t('faults.unavailable')}</p> : null}
      <div className="ctl-row">
        <span className={`kubelet-state ${stopped ? 'bad' : 'ok'}`} data-testid="faults.kubeletState">
          kubelet: {stopped ? t('faults.kubeletStopped') : t('faults.kubeletRunning')}
        </span>
        <span className="spacer" />
        {stopped ? (
          <button className="btn btn-small" data-testid="faults.startKubelet" onClick={() => void faultFromClick({ kind: 'startKubelet', node: name })}>
            <Icon name="play" size={14} />
            {t('faults.startKubelet')}
          </button>
        ) : (
          <button className="btn btn-small btn-danger" data-testid="faults.stopKubelet" onClick={() => void faultFromClick({ kind: 'stopKubelet', node: name })}>
            <Icon name="pause" size={14} />
            {t('faults.stopKubelet')}
          </button>
        )}
      </div>
      <p className="muted small">{stopped ? t('faults.stoppedExplain') : t('faults.stopExplain')}</p>
      <div className="ctl-row">
        <span className="muted small">{t('faults.imagePulls')}</span>
        <div className="segmented small">
          {PULL_FACTORS.map((f) => (
            <button key={f} className={`seg${factor === f ? ' on' : ''}`} data-testid={`faults.pulls.${f}`} onClick={() => void faultFromClick({ kind: 'slowImagePulls', node: name, factor: f })}>
              {f === 1 ? t('faults.normal') : `×${f} ${t('faults.slower')}`}
            </button>
          ))}
        </div>
      </div>
    </div>
  )
})

/** On the canvas: a stopped kubelet says so at once, above its node, long before NotReady. */
export const NodeFaultBanner = memo(function NodeFaultBanner({ name }: { name: string }) {
  const t = useT()
  const stopped = useStore((s) => s.faultState.stoppedKubelets.includes(name))
  const factor = useStore((s) => s.faultState.slowPulls[name])
  if (!stopped && !factor) return null
  return (
    <div className="node-fault-tabs">
      {stopped ? (
        <div className="node-fault-banner" role="status" data-testid={`node.${name}.kubeletStopped`}>
          ⚠ {t('faults.bannerStopped')}
        </div>
      ) : null}
      {factor ? (
        <div className="node-fault-banner warn" data-testid={`node.${name}.slowPulls`}>
          {t('faults.bannerSlow', { f: factor })}
        </div>
      ) : null}
    </div>
  )
})
