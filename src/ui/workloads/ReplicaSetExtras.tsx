import { memo } from 'react'
import type { KObject } from '../../engine/index'
import { useStore } from '../store'
import { useT } from '../i18n'
import { ObjectLink, Section, ownerOf } from '../inspector/parts'
import { ImageForm, ScaleControl } from './Controls'
import { SelectorPanel } from './SelectorPanel'
import { revisionOf, templateHash } from './model'

/**
 * What the ReplicaSet / ReplicationController inspector adds for Workloads: its selector as its
 * API writes it, and the controls. A ReplicaSet a Deployment owns is changed through the
 * Deployment (its controller would undo a direct change), so it says so and links there.
 */
export const ReplicaSetExtras = memo(function ReplicaSetExtras({ obj }: { obj: KObject }) {
  const t = useT()
  const owner = ownerOf(obj)
  const ownerPresent = useStore((s) => (owner ? !!s.objects[owner.uid] : false))
  const rev = revisionOf(obj)
  const hash = templateHash(obj)
  return (
    <>
      {owner?.kind === 'Deployment' ? (
        <div className="note small" data-testid="rs.owned">
          {rev !== undefined ? <b>rev {rev}</b> : null}
          {hash ? <span className="mono"> · pod-template-hash={hash}</span> : null}
          <div>
            {t('wl.ownedBy')}{' '}
            {ownerPresent ? <ObjectLink uid={owner.uid}>Deployment/{owner.name}</ObjectLink> : <span className="mono">Deployment/{owner.name}</span>}
            {t('wl.ownedExplain')}
          </div>
        </div>
      ) : null}
      <Section title={t('inspector.selector')} testid="rs.selector">
        <SelectorPanel obj={obj} />
      </Section>
      {owner?.kind === 'Deployment' ? null : (
        <Section title={t('wl.controls')} testid="rs.controls">
          <div className="ctl-stack">
            <ScaleControl obj={obj} />
            <ImageForm obj={obj} />
            <p className="muted small">{t('wl.rsImageExplain')}</p>
          </div>
        </Section>
      )}
    </>
  )
})
