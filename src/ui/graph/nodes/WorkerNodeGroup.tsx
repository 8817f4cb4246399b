import { memo } from 'react'
import type { NodeProps } from '@xyflow/react'
import { useStore } from '../../store'
import { useT } from '../../i18n'
import { usePulse } from '../pulse'
import type { WorkerRFNode } from '../derive'
import { Icon } from '../../icons'
import { NodeFaultBanner } from '../../faults/NodeFaults'

/** A worker node: a large box holding its pods, with its Ready condition and its kubelet. */
export const WorkerNodeGroup = memo(function WorkerNodeGroup({ data }: NodeProps<WorkerRFNode>) {
  const t = useT()
  const node = useStore((s) => s.objects[data.uid])
  const pods = useStore((s) => (s.layout.groups[data.name] ?? []).reduce((n, uid) => (uid && s.objects[uid] ? n + 1 : n), 0))
  const selected = useStore((s) => s.selection === data.uid)
  const kubelet = usePulse<HTMLSpanElement>(`kubelet/${data.name}`)
  const kubeletStopped = useStore((s) => s.faultState.stoppedKubelets.includes(data.name))
  const ready = (node?.status?.conditions ?? []).find((c: { type: string }) => c.type === 'Ready')?.status
  const readyText = ready === 'True' ? t('node.ready') : ready === 'False' ? t('node.notReady') : t('node.unknown')
  const ip = (node?.status?.addresses ?? []).find((a: { type: string }) => a.type === 'InternalIP')?.address
  return (
    <div className={`worker-node${selected ? ' selected' : ''}${ready === 'True' ? '' : ' not-ready'}`} data-testid={`node.${data.name}`} data-ready={ready ?? 'Unknown'}>
      <NodeFaultBanner name={data.name} />
      <div className="worker-head">
        <Icon name="server" />
        <span className="worker-name">{data.name}</span>
        <span className={`badge ${ready === 'True' ? 'badge-ok' : 'badge-bad'}`}>{readyText}</span>
        {node?.spec?.unschedulable ? <span className="badge badge-warn">{t('node.cordoned')}</span> : null}
      </div>
      <div className="worker-sub">
        <span className={`kubelet-chip${kubeletStopped ? ' stopped' : ''}`} title={t('node.kubeletTitle')}>
          <span className="pulse-ring" ref={kubelet} />
          {t('node.kubelet')}
        </span>
        {ip ? <span className="mono">{ip}</span> : null}
        <span className="worker-count">{t('node.pods', { n: pods })}</span>
      </div>
    </div>
  )
})
