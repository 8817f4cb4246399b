import { memo } from 'react'
import type { KObject } from '../../engine/index'
import { useT } from '../i18n'
import { Conditions, Field, Labels, Section } from '../inspector/parts'
import { EventsList } from '../inspector/EventsList'
import { RolloutReadout } from './RolloutReadout'
import { ImageForm, RolloutControls, ScaleControl } from './Controls'
import { RevisionHistory } from './RevisionHistory'
import { SelectorPanel } from './SelectorPanel'

/** The inspector of a Deployment: the rollout as it happens, the controls, the revisions, the why. */
export const DeploymentDetails = memo(function DeploymentDetails({ d }: { d: KObject }) {
  const t = useT()
  const uid = d.metadata.uid as string
  return (
    <div className="details" data-testid="deploy.details">
      <RolloutReadout d={d} />
      <Section title={t('wl.controls')} testid="deploy.controls">
        <div className="ctl-stack">
          <ScaleControl obj={d} />
          <ImageForm obj={d} />
          <RolloutControls obj={d} />
        </div>
      </Section>
      <Section title={t('wl.history')} testid="deploy.history">
        <RevisionHistory d={d} />
      </Section>
      <Section title={t('inspector.events')}>
        <EventsList uid={uid} />
      </Section>
      <Section title={t('inspector.selector')}>
        <SelectorPanel obj={d} />
      </Section>
      <Section title={t('inspector.conditions')}>
        <Conditions conditions={d.status?.conditions} />
      </Section>
      <dl className="fields">
        <Field label={t('inspector.labels')}>
          <Labels labels={d.metadata.labels} />
        </Field>
      </dl>
    </div>
  )
})
