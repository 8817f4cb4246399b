import { memo, useMemo, useRef } from 'react'
import type { KObject } from '../../engine/index'
import { useStore } from '../store'
import { useT } from '../i18n'
import { Icon } from '../icons'
import { OneHandle } from '../graph/nodes/Handles'
import { Handle, Position } from '@xyflow/react'
import { runFromClick } from '../actions'
import { AnimatedCount } from './AnimatedCount'
import './workloads.css'
import { deploymentView, rolloutPhase } from './model'
import { parseFenceposts } from './rollout-records'
import { pauseCommand, scaleCommand, undoCommand } from './commands'
import { requestFocus } from './focus'

/**
 * A Deployment on the canvas: strategy, ready/desired, the live rollout readout (the
 * controller's fenceposts while a rollout runs, "rolled out" when done) and quick buttons —
 * scale, change image, roll back, pause/resume — each running a kubectl line.
 * Its ReplicaSets hang below it (RevisionNode), joined by the tree edge from the `tree` handle.
 */
export const DeploymentCard = memo(function DeploymentCard({ obj, selected }: { obj: KObject; selected: boolean }) {
  const t = useT()
  const name = obj.metadata.name as string
  const ns = obj.metadata.namespace ?? 'default'
  const notes = useStore((s) => s.rollouts[`${ns}/${name}`])
  const v = useMemo(() => deploymentView(obj), [obj])
  const phase = rolloutPhase(v)
  const fp = notes?.arithmetic ? parseFenceposts(notes.arithmetic.detail) : undefined
  const intended = useRef<number | null>(null)
  const target = { kind: 'Deployment', name, namespace: ns }
  const stop = (f: () => void) => (e: React.MouseEvent) => {
    e.stopPropagation()
    f()
  }
  const scale = (delta: number) => {
    const base = intended.current ?? v.desired
    const replicas = Math.max(0, base + delta)
    intended.current = replicas
    void runFromClick(scaleCommand(target, replicas)).finally(() => {
      if (intended.current === replicas) intended.current = null
    })
  }
  const select = (focus: 'image' | 'history') => {
    useStore.getState().select(obj.metadata.uid as string)
    requestFocus(obj.metadata.uid as string, focus)
  }
  const done = phase === 'complete'
  return (
    <div className={`workload deployment${selected ? ' selected' : ''}${v.paused ? ' paused' : ''}`} data-testid={`deploy.${name}`} data-phase={phase}>
      <OneHandle id="out" type="source" side="bottom" />
      <Handle className="handle tree-handle" type="source" id="tree" position={Position.Bottom} isConnectable={false} />
      <div className="workload-kind">
        <Icon name="layers" size={15} />
        <span>Deployment</span>
        <span className="strategy-chip" data-testid={`deploy.${name}.strategy`}>
          {v.strategy}
        </span>
        {v.paused ? <span className="badge badge-warn">{t('wl.paused')}</span> : null}
      </div>
      <div className="workload-row">
        <span className="workload-name" title={`${ns}/${name}`}>
          {name}
        </span>
        <AnimatedCount className={`workload-count${v.ready === v.desired && done ? ' done' : ''}`} value={`${v.ready}/${v.desired}`} testid={`deploy.${name}.count`} title={t('rs.count')} />
      </div>
      <div className={`deploy-readout${done ? ' done' : ''}`} data-testid={`deploy.${name}.readout`} title={notes?.arithmetic?.detail}>
        {done ? (
          <span>✓ {t('wl.rolledOut', { updated: v.updated })}</span>
        ) : fp && (phase === 'updating' || phase === 'terminatingOld') ? (
          <span>{t('wl.fenceShort', { max: fp.atMost, min: fp.atLeast, updated: v.updated, desired: v.desired })}</span>
        ) : (
          <span>{t(`wl.phase.${phase}`, { updated: v.updated, desired: v.desired, available: v.available, old: Math.max(0, v.replicas - v.updated) })}</span>
        )}
      </div>
      <div className="workload-actions">
        <button className="icon-btn nodrag nopan" data-testid={`deploy.${name}.minus`} title={t('rs.scaleDown')} aria-label={t('rs.scaleDown')} disabled={v.desired === 0} onClick={stop(() => scale(-1))}>
          <Icon name="minus" size={16} />
        </button>
        <button className="icon-btn nodrag nopan" data-testid={`deploy.${name}.plus`} title={t('rs.scaleUp')} aria-label={t('rs.scaleUp')} onClick={stop(() => scale(1))}>
          <Icon name="plus" size={16} />
        </button>
        <span className="spacer" />
        <button className="icon-btn nodrag nopan" data-testid={`deploy.${name}.image`} title={t('wl.setImageTitle')} aria-label={t('wl.setImageTitle')} onClick={stop(() => select('image'))}>
          <Icon name="image" size={16} />
        </button>
        <button className="icon-btn nodrag nopan" data-testid={`deploy.${name}.undo`} title={t('wl.undoTitle')} aria-label={t('wl.undoTitle')} onClick={stop(() => void runFromClick(undoCommand(target)))}>
          <Icon name="undo" size={16} />
        </button>
        <button
          className="icon-btn nodrag nopan"
          data-testid={`deploy.${name}.pause`}
          title={v.paused ? t('wl.resumeTitle') : t('wl.pauseTitle')}
          aria-label={v.paused ? t('wl.resumeTitle') : t('wl.pauseTitle')}
          onClick={stop(() => void runFromClick(pauseCommand(target, !v.paused)))}
        >
          <Icon name={v.paused ? 'play' : 'pause'} size={15} />
        </button>
      </div>
    </div>
  )
})
