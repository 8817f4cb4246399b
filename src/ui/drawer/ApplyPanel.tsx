import { lazy, Suspense } from 'react'
import { useT } from '../i18n'

/**
 * The drawer's YAML tab. The editor itself (CodeMirror, completion, errors on their lines,
 * templates, import) lives in src/ui/editor and is loaded on first use, so CodeMirror stays
 * out of the first paint.
 */
const EditorPanel = lazy(() => import('../editor/EditorPanel').then((m) => ({ default: m.EditorPanel })))

export function ApplyPanel() {
  const t = useT()
  return (
    <Suspense fallback={<p className="muted pad">{t('editor.loading')}</p>}>
      <EditorPanel />
    </Suspense>
  )
}
