import { useCallback, useEffect } from 'react'
import { useStore } from '../store'
import { useT } from '../i18n'
import { fetchCatalog } from '../engine-client'
import { Terminal } from './Terminal'
import { complete, type CompletionContext } from './complete'
import { interrupt, runTyped } from './run'

const EXAMPLES = ['kubectl get pods -o wide', 'kubectl get all', 'kubectl describe node node-1', 'kubectl get events', 'help']

/** Completion reads the mirror when Tab is pressed, not on every render. */
const completionContext = (): CompletionContext => {
  const s = useStore.getState()
  return {
    catalog: s.catalog,
    names: (kind, namespace) => {
      const out: string[] = []
      for (const o of Object.values(s.objects))
        if (o.kind === kind && (namespace === undefined || o.metadata.namespace === namespace) && o.metadata.name && !o.metadata.deletionTimestamp) out.push(o.metadata.name)
      return out
    },
    namespaces: () => Object.values(s.objects).filter((o) => o.kind === 'Namespace').map((o) => o.metadata.name as string),
  }
}

/**
 * The kubectl console: real `kubectl` lines against the simulated cluster, with history, Tab
 * completion (verbs, types, names, flags), `-w` streaming and Ctrl+C; clicks elsewhere in the
 * app echo the command they ran here, so what people learn by clicking they can type.
 */
export function KubectlConsole() {
  const t = useT()
  const log = useStore((s) => s.consoleLog)
  const hasCatalog = useStore((s) => s.catalog !== null)

  useEffect(() => {
    if (hasCatalog) return
    let live = true
    fetchCatalog()
      .then((c) => live && c && useStore.getState().setCatalog(c))
      .catch(() => {
        // worker not ready yet: completion falls back to names until the next mount
      })
    return () => {
      live = false
    }
  }, [hasCatalog])

  const onRun = useCallback((l: string) => void runTyped(l), [])
  const onClear = useCallback(() => useStore.getState().clearConsole(), [])
  const doComplete = useCallback((line: string, cursor: number) => complete(line, cursor, completionContext()), [])

  return (
    <Terminal
      testid="console"
      log={log}
      prompt="$"
      historyKey="kp.history.kubectl"
      onRun={onRun}
      onInterrupt={interrupt}
      onClear={onClear}
      complete={doComplete}
      empty={<span className="muted">{t('console.empty')}</span>}
      examples={EXAMPLES}
      placeholder={t('console.placeholder')}
      ariaLabel={t('drawer.console')}
    />
  )
}
