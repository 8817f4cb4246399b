import { memo } from 'react'
import { useShallow } from 'zustand/react/shallow'
import type { KObject } from '../../engine/index'
import { useStore } from '../store'
import { useT } from '../i18n'
import { podView } from '../model/pod-status'
import { Conditions, Field, Labels, ObjectLink, Section } from './parts'
import { EventsList } from './EventsList'
import { NodeProxySection } from '../services/NodeProxySection'
import { NodeFaults } from '../faults/NodeFaults'

const RESOURCES = ['cpu', 'memory', 'pods'] as const

export const NodeDetails = memo(function NodeDetails({ node }: { node: KObject }) {
  const t = useT()
  const name = node.metadata.name as string
  const pods = useStore(useShallow((s) => (s.layout.groups[name] ?? []).map((uid) => (uid ? s.objects[uid] : undefined)).filter((p): p is KObject => !!p)))
  const ready = (node.status?.conditions ?? []).find((c: { type: string }) => c.type === 'Ready')?.status
  return (
    <div className="details">
      <div className={`status-pill ${ready === 'True' ? 'tone-running' : 'tone-failed'}`} data-testid="inspector.status">
        {ready === 'True' ? 'Ready' : 'NotReady'}
      </div>
      <dl className="fields">
        <Field label={t('inspector.addresses')}>
          <span className="mono">{(node.status?.addresses ?? []).map((a: { type: string; address: string }) => `${a.type} ${a.address}`).join(', ') || '—'}</span>
        </Field>
        <Field label="podCIDR">
          <span className="mono">{node.spec?.podCIDR ?? '—'}</span>
        </Field>
        <Field label={t('inspector.labels')}>
          <Labels labels={node.metadata.labels} />
        </Field>
      </dl>
      <Section title={t('faults.nodeTitle')} testid="inspector.nodeFaults">
        <NodeFaults node={node} />
      </Section>
      <table className="table compact">
        <thead>
          <tr>
            <th />
            {RESOURCES.map((r) => (
              <th key={r}>{r}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          {(['capacity', 'allocatable'] as const).map((k) => (
            <tr key={k}>
              <th>{t(`inspector.${k}`)}</th>
              {RESOURCES.map((r) => (
                <td key={r} className="mono">
                  {node.status?.[k]?.[r] ?? '—'}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
      <Section title={`${t('inspector.podsOnNode')} (${pods.length})`}>
        {pods.length ? (
          <ul className="obj-list">
            {pods.map((p) => (
              <li key={p.metadata.uid}>
                <span className={`dot tone-${podView(p).tone}`} />
                <ObjectLink uid={p.metadata.uid as string}>{p.metadata.name}</ObjectLink>
              </li>
            ))}
          </ul>
        ) : (
          <p className="muted">{t('inspector.none')}</p>
        )}
      </Section>
      <NodeProxySection node={name} />
      <Section title={t('inspector.conditions')}>
        <Conditions conditions={node.status?.conditions} />
      </Section>
      <Section title={t('inspector.events')}>
        <EventsList uid={node.metadata.uid as string} />
      </Section>
    </div>
  )
})
