import { useCallback, useState } from 'react'
import { useStore } from '../store'
import { useT } from '../i18n'
import { YamlEditor } from './YamlEditor'
import { TemplateMenu } from './TemplateMenu'
import { applyEditor, importFile } from './actions'
import { parseApplyErrors } from './server-errors'
import '../console/console.css'

/**
 * The YAML tab: a real editor (highlighting, completion, errors on their lines) with New (a
 * template per kind), Apply (`kubectl apply -f -`, the answer beside it) and file import by
 * drag and drop. Objects opened with Edit (inspector) or `kubectl edit` land here too.
 */
export function EditorPanel() {
  const t = useT()
  const result = useStore((s) => s.yamlResult)
  const source = useStore((s) => s.editorSource)
  const errors = useStore((s) => s.editorErrors)
  const language = useStore((s) => s.language)
  const command = useStore((s) => s.editorCommand)
  const [busy, setBusy] = useState(false)
  const [dragging, setDragging] = useState(false)
  const apply = useCallback(async () => {
    setBusy(true)
    try {
      await applyEditor()
    } finally {
      setBusy(false)
    }
  }, [])
  const placed = errors ? parseApplyErrors(errors).length : 0
  const title =
    source?.kind === 'edit'
      ? t('editor.editing', { name: source.name })
      : source?.kind === 'import'
        ? t('editor.imported', { name: source.name })
        : source?.kind === 'template'
          ? t('editor.newFrom', { name: source.name })
          : source?.kind === 'export'
            ? t('editor.exported')
            : t('editor.untitled')

  return (
    <div
      className={`editor-panel${dragging ? ' dragging' : ''}`}
      onDragOver={(e) => {
        if (!e.dataTransfer.types.includes('Files')) return
        e.preventDefault()
        setDragging(true)
      }}
      onDragLeave={() => setDragging(false)}
      onDropCapture={(e) => {
        const file = e.dataTransfer.files[0]
        setDragging(false)
        if (!file) return
        // Before CodeMirror's own drop handler, which would paste the text at the cursor.
        e.preventDefault()
        e.stopPropagation()
        void importFile(file)
      }}
    >
      <div className="editor-main">
        <div className="editor-toolbar">
          <TemplateMenu />
          <button className="btn btn-primary" data-testid="yaml.apply" onClick={() => void apply()} disabled={busy} title={t('yaml.hint')}>
            {t('yaml.apply')}
          </button>
          <span className="editor-title muted small" data-testid="yaml.title" title={title}>
            {title}
          </span>
        </div>
        <YamlEditor key={language} onApply={() => void apply()} label={t('drawer.yaml')} />
        {dragging ? <div className="editor-drop">{t('editor.drop')}</div> : null}
      </div>
      <div className="apply-side">
        <div className="muted small mono" data-testid="yaml.command">$ {command}</div>
        <pre className={`apply-result mono${result && result.code !== 0 ? ' error' : ''}`} data-testid="yaml.result" data-code={result?.code}>
          {result?.text ?? ''}
        </pre>
        {errors && placed > 0 ? <div className="small muted" data-testid="yaml.errorsHint">{t('editor.errorsOnLines', { n: placed })}</div> : null}
        {!result ? <div className="small muted">{t('editor.sideHint')}</div> : null}
        <div className="small muted editor-keys">{t('editor.keys')}</div>
      </div>
    </div>
  )
}
