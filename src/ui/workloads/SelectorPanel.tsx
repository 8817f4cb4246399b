import { memo } from 'react'
import type { KObject } from '../../engine/index'
import { useT } from '../i18n'
import { selectorView } from './model'

/**
 * How the workload finds its pods, written the way its API writes it: ReplicaSet and
 * Deployment take a LabelSelector (`matchLabels` plus `matchExpressions` with In, NotIn,
 * Exists, DoesNotExist); a ReplicationController only a plain map of key=value, all of which
 * must match. One line says what that difference buys.
 */
export const SelectorPanel = memo(function SelectorPanel({ obj }: { obj: KObject }) {
  const t = useT()
  const s = selectorView(obj)
  return (
    <div className={`selector-panel ${s.style}`} data-testid="selector" data-style={s.style}>
      <div className="selector-style">
        <span className={`selector-kind ${s.style}`}>{s.style === 'equality' ? t('wl.equalitySelector') : t('wl.setBasedSelector')}</span>
        <code className="mono small">-l {s.text || '—'}</code>
      </div>
      {s.style === 'equality' ? (
        <pre className="selector-yaml mono" data-testid="selector.map">
          {'selector:\n'}
          {Object.entries(s.labels)
            .map(([k, v]) => `  ${k}: ${v}`)
            .join('\n') || '  {}'}
        </pre>
      ) : (
        <pre className="selector-yaml mono" data-testid="selector.set">
          {'selector:\n  matchLabels:'}
          {Object.entries(s.labels).length ? '\n' + Object.entries(s.labels).map(([k, v]) => `    ${k}: ${v}`).join('\n') : ' {}'}
          {'\n  matchExpressions:'}
          {s.expressions.length
            ? '\n' + s.expressions.map((e) => `  - key: ${e.key}\n    operator: ${e.operator}${e.values?.length ? `\n    values: [${e.values.join(', ')}]` : ''}`).join('\n')
            : ' []'}
        </pre>
      )}
      <p className="muted small selector-explain">{s.style === 'equality' ? t('wl.equalityExplain') : t('wl.setBasedExplain')}</p>
    </div>
  )
})
