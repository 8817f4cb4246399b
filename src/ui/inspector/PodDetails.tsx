import { memo, useMemo } from 'react'
import type { KObject } from '../../engine/index'
import { useStore } from '../store'
import { useT } from '../i18n'
import { podView } from '../model/pod-status'
import { age } from '../model/time'
import { Conditions, Field, Labels, ObjectLink, Section, ownerOf } from './parts'
import { SchedulerTable } from './SchedulerTable'
import { EventsList } from './EventsList'
import { LifecycleTimeline } from '../lifecycle/LifecycleTimeline'
import { PodFaults } from '../faults/PodFaults'

function containerState(s: { state?: { running?: object; waiting?: { reason?: string }; terminated?: { reason?: string; exitCode?: number } } } | undefined): string {
  if (!s?.state) return '—'
  if (s.state.running) return 'Running'
  if (s.state.waiting) return `Waiting: ${s.state.waiting.reason ?? ''}`
  if (s.state.terminated) return `Terminated: ${s.state.terminated.reason ?? ''} (${s.state.terminated.exitCode})`
  return '—'
}

export const PodDetails = memo(function PodDetails({ pod }: { pod: KObject }) {
  const t = useT()
  const v = useMemo(() => podView(pod), [pod])
  const clock = useStore((s) => Math.floor(s.clock / 1000) * 1000)
  const nodeUid = useStore((s) => s.layout.nodes.find((n) => n.name === v.nodeName)?.uid)
  const owner = ownerOf(pod)
  const uid = pod.metadata.uid as string
  // A pod created with spec.nodeName set skips the scheduler (it has no scheduling record).
  const preset = !!v.nodeName && !(pod.status?.conditions ?? []).some((c: { type: string }) => c.type === 'PodScheduled')
  return (
    <div className="details">
      <div className="status-row">
        <div className={`status-pill tone-${v.tone}`} data-testid="inspector.status">
          {v.status}
        </div>
        <span className="muted small">{t('inspector.podLine', { phase: v.phase, ready: v.ready, restarts: v.restarts })}</span>
      </div>
      <dl className="fields">
        <Field label={t('inspector.node')}>{v.nodeName ? nodeUid ? <ObjectLink uid={nodeUid}>{v.nodeName}</ObjectLink> : v.nodeName : <span className="muted">—</span>}</Field>
        <Field label={t('inspector.podIP')}>
          <span className="mono">{pod.status?.podIP ?? '—'}</span>
        </Field>
        <Field label={t('inspector.age')}>{age(pod.metadata.creationTimestamp, clock)}</Field>
        {owner ? (
          <Field label={t('inspector.owner')}>
            <ObjectLink uid={owner.uid}>
              {owner.kind}/{owner.name}
            </ObjectLink>
          </Field>
        ) : null}
      </dl>
      <Section title={t('lc.title')} testid="inspector.lifecycle">
        <LifecycleTimeline pod={pod} />
      </Section>
      <Section title={t('faults.podTitle')} testid="inspector.faults">
        <PodFaults pod={pod} />
      </Section>
      <Section title={v.nodeName ? t('sched.title') : t('sched.titleNoNode')} testid="inspector.scheduling">
        <SchedulerTable podUid={uid} preset={preset} />
      </Section>
      <Section title={t('inspector.events')}>
        <EventsList uid={uid} />
      </Section>
      <Section title={t('inspector.conditions')}>
        <Conditions conditions={pod.status?.conditions} />
      </Section>
      <Section title={t('inspector.labels')}>
        <Labels labels={pod.metadata.labels} />
      </Section>
      <Section title={t('inspector.containers')}>
        <table className="table compact">
          <tbody>
            {(pod.spec?.containers ?? []).map((c: { name: string; image: string; resources?: { requests?: Record<string, string> } }) => {
              const st = (pod.status?.containerStatuses ?? []).find((s: { name: string }) => s.name === c.name)
              const req = Object.entries(c.resources?.requests ?? {})
                .map(([k, q]) => `${k} ${q}`)
                .join(', ')
              return (
                <tr key={c.name}>
                  <td>
                    <div className="mono">{c.name}</div>
                    <div className="muted small mono">{c.image}</div>
                  </td>
                  <td>
                    <div>{containerState(st)}</div>
                    <div className="muted small">{req ? `${t('inspector.requests')}: ${req}` : ''}</div>
                  </td>
                </tr>
              )
            })}
          </tbody>
        </table>
      </Section>
    </div>
  )
})
