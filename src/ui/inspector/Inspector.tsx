import { useState } from 'react'
import { useStore } from '../store'
import { useT } from '../i18n'
import { Icon } from '../icons'
import { PodDetails } from './PodDetails'
import { NodeDetails } from './NodeDetails'
import { WorkloadDetails } from './WorkloadDetails'
import { DeploymentDetails } from '../workloads/DeploymentDetails'
import { ServiceDetails } from '../services/ServiceDetails'
import { PacketInspector } from '../traffic/PacketInspector'
import { YamlView } from './YamlView'
import { ObjectActions } from '../editor/ObjectActions'

type Tab = 'overview' | 'yaml'

/** The right panel: the selected object at a glance, its YAML, its events and the why. */
export function Inspector() {
  const t = useT()
  const uid = useStore((s) => s.selection)
  const obj = useStore((s) => (s.selection ? (s.objects[s.selection] ?? s.leaving[s.selection]?.obj) : undefined))
  const [tab, setTab] = useState<Tab>('overview')
  // A request being played is what the panel explains while nothing is selected (src/ui/traffic).
  const packet = useStore((s) => !!s.trace)
  return (
    <aside className="inspector" data-testid="inspector" aria-label={t('inspector.title')}>
      {!uid && packet ? (
        <PacketInspector />
      ) : !uid ? (
        <div className="inspector-empty">
          <h2>{t('inspector.title')}</h2>
          <p>{t('inspector.empty')}</p>
          <h3>{t('inspector.start')}</h3>
          <ol className="start-steps">
            <li>{t('inspector.step1')}</li>
            <li>{t('inspector.step2')}</li>
            <li>{t('inspector.step3')}</li>
            <li>{t('inspector.step4')}</li>
          </ol>
        </div>
      ) : !obj ? (
        <div className="inspector-empty">
          <p>{t('inspector.gone')}</p>
        </div>
      ) : (
        <>
          <div className="inspector-head">
            <div className="inspector-kind">{obj.kind}</div>
            <h2 className="inspector-name mono" data-testid="inspector.name">
              {obj.metadata.namespace ? <span className="ns">{obj.metadata.namespace}/</span> : null}
              {obj.metadata.name}
            </h2>
            <button className="btn btn-icon" onClick={() => useStore.getState().select(null)} title={t('inspector.close')} aria-label={t('inspector.close')}>
              <Icon name="close" />
            </button>
          </div>
          <ObjectActions obj={obj} />
          <div className="tabs" role="tablist">
            {(['overview', 'yaml'] as const).map((k) => (
              <button key={k} role="tab" aria-selected={tab === k} className={`tab${tab === k ? ' active' : ''}`} data-testid={`inspector.tab.${k}`} onClick={() => setTab(k)}>
                {t(`inspector.${k}`)}
              </button>
            ))}
          </div>
          <div className="inspector-body">
            {tab === 'yaml' ? (
              <YamlView obj={obj} />
            ) : obj.kind === 'Pod' ? (
              <PodDetails pod={obj} />
            ) : obj.kind === 'Node' ? (
              <NodeDetails node={obj} />
            ) : obj.kind === 'Service' ? (
              <ServiceDetails obj={obj} />
            ) : obj.kind === 'Deployment' ? (
              <DeploymentDetails d={obj} />
            ) : (
              <WorkloadDetails obj={obj} />
            )}
          </div>
        </>
      )}
    </aside>
  )
}
