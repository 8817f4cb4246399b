import { useState } from 'react'
import { useStore } from '../store'
import { useT } from '../i18n'
import { applyFromPanel } from '../actions'
import { EXAMPLE_REPLICASET } from './examples'

/** Paste or edit YAML, press Apply: `kubectl apply -f -`, with kubectl's own answer below. */
export function ApplyPanel() {
  const t = useT()
  const text = useStore((s) => s.yamlText)
  const result = useStore((s) => s.yamlResult)
  const [busy, setBusy] = useState(false)
  const { setYamlText } = useStore.getState()
  const apply = async () => {
    setBusy(true)
    try {
      await applyFromPanel(text)
    } finally {
      setBusy(false)
    }
  }
  return (
    <div className="apply-panel">
      <textarea
        className="yaml-input mono"
        data-testid="yaml.input"
        spellCheck={false}
        value={text}
        onChange={(e) => setYamlText(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) void apply()
        }}
        aria-label={t('drawer.yaml')}
      />
      <div className="apply-side">
        <div className="apply-buttons">
          <button className="btn btn-primary" data-testid="yaml.apply" onClick={() => void apply()} disabled={busy} title={t('yaml.hint')}>
            {t('yaml.apply')}
          </button>
          <button className="btn" onClick={() => setYamlText(EXAMPLE_REPLICASET)}>
            {t('yaml.reset')}
          </button>
        </div>
        <div className="muted small mono">$ kubectl apply -f -</div>
        <pre className={`apply-result mono${result && result.code !== 0 ? ' error' : ''}`} data-testid="yaml.result" data-code={result?.code}>
          {result?.text ?? ''}
        </pre>
      </div>
    </div>
  )
}
