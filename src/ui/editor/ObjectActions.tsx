import { memo } from 'react'
import type { KObject } from '../../engine/index'
import { useT } from '../i18n'
import { openShellFromClick } from '../shells/open'
import { exportToFile } from '../export/actions'
import { editFromClick } from './actions'

/**
 * The inspector's actions on the selected object: Edit (its manifest in the editor, as
 * `kubectl edit` would open it), Shell (a pod's container, or a node), Export (one file).
 */
export const ObjectActions = memo(function ObjectActions({ obj }: { obj: KObject }) {
  const t = useT()
  if (obj.kind === 'Event') return null
  const running = obj.kind === 'Pod' && obj.status?.phase === 'Running'
  const container: string | undefined = obj.kind === 'Pod' ? obj.spec?.containers?.[0]?.name : undefined
  return (
    <div className="object-actions">
      <button className="btn btn-small" data-testid="inspector.edit" onClick={() => void editFromClick(obj)} title={t('objects.editTitle')}>
        {t('objects.edit')}
      </button>
      {obj.kind === 'Node' || obj.kind === 'Pod' ? (
        <button
          className="btn btn-small"
          data-testid="inspector.shell"
          disabled={obj.kind === 'Pod' && !running}
          title={obj.kind === 'Pod' && !running ? t('objects.shellNotRunning') : t('objects.shellTitle')}
          onClick={() =>
            openShellFromClick(obj.kind === 'Node' ? { kind: 'node', node: obj.metadata.name as string } : { kind: 'pod', namespace: obj.metadata.namespace ?? 'default', pod: obj.metadata.name as string, container })
          }
        >
          {t('objects.shell')}
        </button>
      ) : null}
      {obj.kind !== 'Node' ? (
        <button className="btn btn-small" data-testid="inspector.export" onClick={() => void exportToFile([obj.metadata.uid as string], obj.metadata.name ?? 'object')} title={t('objects.exportTitle')}>
          {t('objects.export')}
        </button>
      ) : null}
    </div>
  )
})
