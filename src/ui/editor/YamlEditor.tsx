import { memo, useEffect, useRef } from 'react'
import { basicSetup, EditorView } from 'codemirror'
import { Compartment, EditorState, Prec } from '@codemirror/state'
import { keymap } from '@codemirror/view'
import { yaml } from '@codemirror/lang-yaml'
import { indentUnit } from '@codemirror/language'
import { linter, lintGutter, setDiagnostics, type Diagnostic } from '@codemirror/lint'
import type { CompletionContext, CompletionResult } from '@codemirror/autocomplete'
import { oneDark } from '@codemirror/theme-one-dark'
import { useStore } from '../store'
import { serverDiagnostics, syntaxDiagnostics } from './diagnostics'
import { completeYaml } from './k8s-complete'

/**
 * The YAML editor (CodeMirror 6): YAML highlighting, Kubernetes-aware completion, YAML syntax
 * errors as you type, and the API server's errors from the last Apply on the lines they name.
 * The text lives in the store (`yamlText`), so it survives switching tabs; a text replaced from
 * outside (New, Edit, Import) is loaded into the editor.
 */
export const YamlEditor = memo(function YamlEditor({ onApply, label }: { onApply(): void; label: string }) {
  const host = useRef<HTMLDivElement>(null)
  const view = useRef<EditorView | null>(null)
  const applyRef = useRef(onApply)
  applyRef.current = onApply
  const theme = useStore((s) => s.theme)
  const themeSlot = useRef(new Compartment())
  const text = useStore((s) => s.yamlText)
  const errors = useStore((s) => s.editorErrors)

  useEffect(() => {
    const s = useStore.getState()
    const v = new EditorView({
      parent: host.current!,
      state: EditorState.create({
        doc: s.yamlText,
        extensions: [
          basicSetup,
          yaml(),
          // Long comments wrap instead of scrolling the manifest sideways.
          EditorView.lineWrapping,
          indentUnit.of('  '),
          EditorState.tabSize.of(2),
          EditorState.languageData.of(() => [{ autocomplete: complete }]),
          linter(lint, { delay: 300 }),
          lintGutter(),
          Prec.high(
            keymap.of([
              { key: 'Mod-Enter', run: () => (applyRef.current(), true) },
              { key: 'Mod-s', run: () => (applyRef.current(), true), preventDefault: true },
            ]),
          ),
          EditorView.updateListener.of((u) => {
            if (u.docChanged) useStore.getState().setYamlText(u.state.doc.toString())
          }),
          EditorView.contentAttributes.of({ 'aria-label': label, 'data-testid': 'yaml.content' }),
          themeSlot.current.of(s.theme === 'dark' ? oneDark : []),
        ],
      }),
    })
    view.current = v
    return () => {
      v.destroy()
      view.current = null
    }
    // The editor is created once; label changes are rare (language switch re-mounts the panel).
  }, [label])

  // A text replaced from outside (template, edit, import) goes into the editor.
  useEffect(() => {
    const v = view.current
    if (!v || v.state.doc.toString() === text) return
    v.dispatch({ changes: { from: 0, to: v.state.doc.length, insert: text }, selection: { anchor: 0 }, scrollIntoView: true })
  }, [text])

  useEffect(() => {
    view.current?.dispatch({ effects: themeSlot.current.reconfigure(theme === 'dark' ? oneDark : []) })
  }, [theme])

  // New server errors: show them now (the linter itself only reruns when the text changes).
  useEffect(() => {
    const v = view.current
    if (v) v.dispatch(setDiagnostics(v.state, lint(v)))
  }, [errors])

  return <div className="yaml-editor" ref={host} data-testid="yaml.input" />
})

function lint(v: EditorView): Diagnostic[] {
  const text = v.state.doc.toString()
  const stderr = useStore.getState().editorErrors
  const server = stderr ? serverDiagnostics(text, stderr).map((d) => ({ ...d, source: 'kube-apiserver' })) : []
  return [...syntaxDiagnostics(text), ...server]
}

function complete(ctx: CompletionContext): CompletionResult | null {
  const text = ctx.state.doc.toString()
  const served = (useStore.getState().catalog?.resources ?? []).map((r) => ({ kind: r.kind, apiVersion: r.apiVersion }))
  const r = completeYaml(text, ctx.pos, served)
  if (r.options.length === 0) return null
  // Only pop up by itself once something is typed; Ctrl+Space asks explicitly.
  if (!ctx.explicit && r.from === ctx.pos) return null
  return { from: r.from, options: r.options, validFor: /^[\w./-]*$/ }
}
