import { memo } from 'react'
import { useShallow } from 'zustand/react/shallow'
import type { KObject } from '../../engine/index'
import { useStore } from '../store'
import { useT } from '../i18n'
import { podView } from '../model/pod-status'
import { Conditions, Field, Labels, ObjectLink, Section } from './parts'
import { EventsList } from './EventsList'
import { ReplicaSetExtras } from '../workloads/ReplicaSetExtras'
import { selectorView } from '../workloads/model'

/** A ReplicaSet (or other controller): its replica arithmetic, selector and pods. */
export const WorkloadDetails = memo(function WorkloadDetails({ obj }: { obj: KObject }) {
  const t = useT()
  const uid = obj.metadata.uid as string
  const pods = useStore(
    useShallow((s) =>
      Object.entries(s.layout.pods)
        .filter(([, p]) => p.owner === uid)
        .map(([podUid]) => s.objects[podUid])
        .filter((p): p is KObject => !!p),
    ),
  )
  const st = obj.status ?? {}
  return (
    <div className="details">
      <div className="replica-grid" data-testid="inspector.replicas">
        {[
          [t('inspector.desired'), obj.spec?.replicas ?? 1],
          [t('inspector.current'), st.replicas ?? 0],
          [t('inspector.readyCount'), st.readyReplicas ?? 0],
          [t('inspector.available'), st.availableReplicas ?? 0],
        ].map(([label, n]) => (
          <div key={String(label)} className="replica-cell">
            <div className="replica-n">{n}</div>
            <div className="muted small">{label}</div>
          </div>
        ))}
      </div>
      <dl className="fields">
        <Field label={t('inspector.selector')}>
          <code className="mono">{selectorView(obj).text || '—'}</code>
        </Field>
        <Field label={t('inspector.labels')}>
          <Labels labels={obj.metadata.labels} />
        </Field>
      </dl>
      <ReplicaSetExtras obj={obj} />
      <Section title={`${t('inspector.pods')} (${pods.length})`}>
        <ul className="obj-list">
          {pods.map((p) => {
            const v = podView(p)
            return (
              <li key={p.metadata.uid}>
                <span className={`dot tone-${v.tone}`} />
                <ObjectLink uid={p.metadata.uid as string}>{p.metadata.name}</ObjectLink>
                <span className="muted small">
                  {v.status} {v.nodeName ? `· ${v.nodeName}` : ''}
                </span>
              </li>
            )
          })}
        </ul>
      </Section>
      <Section title={t('inspector.events')}>
        <EventsList uid={uid} />
      </Section>
      <Section title={t('inspector.conditions')}>
        <Conditions conditions={st.conditions} />
      </Section>
    </div>
  )
})
