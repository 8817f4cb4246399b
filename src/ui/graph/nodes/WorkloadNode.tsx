import { memo, useRef } from 'react'
import type { NodeProps } from '@xyflow/react'
import { useStore } from '../../store'
import { useT } from '../../i18n'
import type { WorkloadRFNode } from '../derive'
import { OneHandle } from './Handles'
import { Icon } from '../../icons'
import { scaleFromClick } from '../../actions'
import { DeploymentCard } from '../../workloads/DeploymentCard'
import { selectorView } from '../../workloads/model'

/**
 * A ReplicaSet (or another controller): ready/desired, and +/− that run `kubectl scale` —
 * the command behind the click is shown in the top bar and the console.
 */
export const WorkloadNode = memo(function WorkloadNode({ data }: NodeProps<WorkloadRFNode>) {
  const t = useT()
  const obj = useStore((s) => s.objects[data.uid])
  const selected = useStore((s) => s.selection === data.uid)
  // Clicks faster than the round trip build on the last requested count, not the stale one.
  const intended = useRef<number | null>(null)
  if (!obj) return null
  if (obj.kind === 'Deployment') return <DeploymentCard obj={obj} selected={selected} />
  const selector = selectorView(obj)
  const name = obj.metadata.name as string
  const desired: number = obj.spec?.replicas ?? 1
  const ready: number = obj.status?.readyReplicas ?? 0
  const click = (delta: number) => (e: React.MouseEvent) => {
    e.stopPropagation()
    const base = intended.current ?? desired
    const replicas = Math.max(0, base + delta)
    intended.current = replicas
    void scaleFromClick(obj, replicas).finally(() => {
      if (intended.current === replicas) intended.current = null
    })
  }
  return (
    <div className={`workload${selected ? ' selected' : ''}`} data-testid={`rs.${name}`}>
      <OneHandle id="out" type="source" side="bottom" />
      <div className="workload-kind" title={obj.kind}>
        <Icon name="layers" size={15} />
        {obj.kind === 'ReplicationController' ? 'RC' : obj.kind === 'ReplicaSet' ? 'RS' : obj.kind}
        <span className={`selector-kind ${selector.style}`} data-testid={`rs.${name}.selectorKind`}>
          · {selector.style === 'equality' ? t('wl.equalitySelector') : t('wl.setBasedSelector')}
        </span>
      </div>
      <div className="workload-row">
        <span className="workload-name" title={`${obj.metadata.namespace}/${name}`}>
          {name}
        </span>
        <span className={`workload-count${ready === desired ? ' done' : ''}`} data-testid={`rs.${name}.count`} title={t('rs.count')}>
          {ready}/{desired}
        </span>
      </div>
      <code className="workload-selector mono" title={t('inspector.selector')}>
        {selector.text || '—'}
      </code>
      <div className="workload-actions">
        <button className="icon-btn nodrag nopan" data-testid={`rs.${name}.minus`} title={t('rs.scaleDown')} aria-label={t('rs.scaleDown')} disabled={desired === 0} onClick={click(-1)}>
          <Icon name="minus" size={16} />
        </button>
        <span className="workload-hint">{t('rs.count')}</span>
        <button className="icon-btn nodrag nopan" data-testid={`rs.${name}.plus`} title={t('rs.scaleUp')} aria-label={t('rs.scaleUp')} onClick={click(1)}>
          <Icon name="plus" size={16} />
        </button>
      </div>
    </div>
  )
})
