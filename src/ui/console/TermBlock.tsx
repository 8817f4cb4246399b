import { memo, useState } from 'react'
import type { ConsoleEntry } from '../store/view'
import { useT } from '../i18n'
import { stopWatch } from '../engine-client'
import { useStore } from '../store'

/**
 * One command and its answer: the prompt and line, stdout, stderr in red, the console's own
 * notes muted. A copy button puts the command and its output on the clipboard (selecting by
 * hand works too). A running `get -w` shows that it is live and how to stop it.
 */
export const TermBlock = memo(function TermBlock({ entry: e, prompt, testid }: { entry: ConsoleEntry; prompt: string; testid: string }) {
  const t = useT()
  const [copied, setCopied] = useState(false)
  const failed = e.code !== undefined && e.code !== 0
  const copy = async () => {
    const text = [`${prompt} ${e.command}`, e.stdout, e.stderr].filter(Boolean).join('\n').replace(/\n+$/, '\n')
    try {
      await navigator.clipboard.writeText(text)
      setCopied(true)
      setTimeout(() => setCopied(false), 1200)
    } catch {
      // no clipboard permission: the text is still selectable by hand
    }
  }
  return (
    <div className={`term-block${failed ? ' failed' : ''}${e.fromClick ? ' from-click' : ''}`} data-testid={`${testid}.entry`} data-code={e.code} data-watching={e.watching ? '' : undefined}>
      <div className="term-cmd">
        <span className="prompt">{prompt}</span> <span className="term-line">{e.command}</span>
        {e.fromClick ? <span className="term-tag">{t('term.fromClick')}</span> : null}
        {e.pending ? <span className="term-tag muted">…</span> : null}
        {e.code !== undefined || e.stdout ? (
          <button className="term-copy" onClick={() => void copy()} data-testid={`${testid}.copy`} title={t('term.copy')} aria-label={t('term.copy')}>
            {copied ? t('term.copied') : t('term.copy')}
          </button>
        ) : null}
      </div>
      {e.info && e.infoFirst ? <pre className="term-info">{e.info}</pre> : null}
      {e.stdout ? <pre className="term-out">{e.stdout}</pre> : null}
      {e.stderr ? <pre className="term-out error">{e.stderr}</pre> : null}
      {e.info && !e.infoFirst ? <pre className="term-info">{e.info}</pre> : null}
      {e.watching ? (
        <div className="term-watching">
          <span className="live-dot" /> {t('term.watching')}
          <button
            className="btn btn-small"
            data-testid={`${testid}.stopWatch`}
            onClick={() => {
              if (e.requestId !== undefined) stopWatch(e.requestId)
              useStore.getState().stopWatching(e.id)
            }}
          >
            {t('term.stop')}
          </button>
        </div>
      ) : null}
    </div>
  )
})
