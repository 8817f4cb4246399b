import { memo } from 'react'
import type { NodeProps } from '@xyflow/react'
import { useStore } from '../../store'
import { useT } from '../../i18n'
import { usePulse } from '../pulse'
import type { ControlPlaneRFNode } from '../derive'
import { Handles } from './Handles'
import { Icon } from '../../icons'

const ICONS = { etcd: 'database', 'kube-apiserver': 'api', 'kube-scheduler': 'scheduler', 'kube-controller-manager': 'gears' } as const

/** One control-plane component: what it is for, and the last thing it did (it glows when acting). */
export const ControlPlaneNode = memo(function ControlPlaneNode({ data }: NodeProps<ControlPlaneRFNode>) {
  const t = useT()
  const text = useStore((s) => s.activity[data.id]?.text)
  const pulse = usePulse<HTMLDivElement>(data.id)
  return (
    <div className={`cp-box cp-${data.id}`} data-testid={`cp.${data.id}`}>
      <div className="pulse-ring" ref={pulse} />
      <Handles sides={['left', 'right', 'bottom']} />
      <div className="cp-head">
        <Icon name={ICONS[data.id]} size={16} />
        <span className="cp-name">{data.id}</span>
      </div>
      <div className="cp-role">{t(`cp.${data.id}`)}</div>
      <div className="cp-last" title={text}>
        {text || t('cp.idle')}
      </div>
    </div>
  )
})
