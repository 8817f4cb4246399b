import { memo, useEffect, useLayoutEffect, useMemo, useRef, useState, type ReactNode } from 'react'
import type { ConsoleEntry } from '../store/view'
import { useT } from '../i18n'
import { History } from './history'
import { applyCompletion, type Completion } from './complete'
import { TermBlock } from './TermBlock'
import './console.css'

/**
 * A terminal for the drawer — the kubectl console and every node/pod shell use it: output
 * blocks (monospace, errors in red, a copy button each), one input line with history (↑/↓,
 * kept across reloads), Tab completion, Ctrl+C (stop a watch, or cancel the line — unless text
 * is selected, then it copies as everywhere else in the browser) and Ctrl+L (clear).
 */
export interface TerminalProps {
  /** `console` or `shell.<id>`: prefixes every data-testid. */
  testid: string
  log: readonly ConsoleEntry[]
  prompt: string
  historyKey: string
  onRun(line: string): void
  /** Ctrl+C with nothing selected; `line` is what the input held. */
  onInterrupt(line: string): void
  onClear(): void
  complete?(line: string, cursor: number): Completion
  /** Shown above the log (what this terminal is, how its lines run). */
  header?: ReactNode
  /** Shown while the log is empty. */
  empty?: ReactNode
  /** Example lines shown while the log is empty; a click puts one on the input line. */
  examples?: readonly string[]
  placeholder?: string
  ariaLabel: string
}

export const Terminal = memo(function Terminal(p: TerminalProps) {
  const t = useT()
  const [line, setLine] = useState('')
  const [choices, setChoices] = useState<string[] | null>(null)
  const input = useRef<HTMLInputElement>(null)
  const out = useRef<HTMLDivElement>(null)
  const stick = useRef(true)
  const history = useRef<History | null>(null)
  if (!history.current) history.current = new History(p.historyKey)
  const caret = useRef<number | null>(null)
  // A running watch is the terminal's foreground job: it stays at the bottom, next to the input,
  // and lines typed meanwhile appear above it.
  const shown = useMemo(() => {
    const live = p.log.filter((e) => e.watching)
    return live.length ? [...p.log.filter((e) => !e.watching), ...live] : p.log
  }, [p.log])

  // Follow new output unless the person scrolled up to read.
  useLayoutEffect(() => {
    const el = out.current
    if (el && stick.current) el.scrollTop = el.scrollHeight
  }, [p.log])

  useLayoutEffect(() => {
    if (caret.current !== null && input.current) {
      input.current.setSelectionRange(caret.current, caret.current)
      caret.current = null
    }
  }, [line])

  useEffect(() => {
    input.current?.focus({ preventScroll: true })
  }, [])

  const set = (l: string, cursor = l.length) => {
    caret.current = cursor
    setLine(l)
  }

  const onKeyDown = (e: React.KeyboardEvent<HTMLInputElement>) => {
    const h = history.current!
    if (e.key === 'Enter') {
      e.preventDefault()
      setChoices(null)
      h.push(line)
      const l = line
      set('')
      p.onRun(l)
    } else if (e.key === 'ArrowUp') {
      e.preventDefault()
      const v = h.up(line)
      if (v !== undefined) set(v)
    } else if (e.key === 'ArrowDown') {
      e.preventDefault()
      const v = h.down()
      if (v !== undefined) set(v)
    } else if (e.key === 'Tab' && !e.shiftKey && !e.altKey && !e.ctrlKey && !e.metaKey) {
      e.preventDefault()
      if (!p.complete) return
      const at = e.currentTarget.selectionStart ?? line.length
      const r = applyCompletion(line, p.complete(line, at))
      set(r.line, r.cursor)
      setChoices(r.list && r.list.length > 1 ? r.list : null)
    } else if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 'c' && !hasSelection(e.currentTarget)) {
      e.preventDefault()
      setChoices(null)
      h.reset()
      const l = line
      set('')
      p.onInterrupt(l)
    } else if (e.ctrlKey && e.key.toLowerCase() === 'l') {
      e.preventDefault()
      setChoices(null)
      p.onClear()
    } else if (e.ctrlKey && e.key.toLowerCase() === 'u') {
      e.preventDefault()
      set('')
    }
  }

  return (
    <div className="term" data-testid={p.testid}>
      {p.header}
      <div
        className="term-output mono"
        data-testid={`${p.testid}.output`}
        ref={out}
        onScroll={(e) => {
          const el = e.currentTarget
          stick.current = el.scrollHeight - el.scrollTop - el.clientHeight < 24
        }}
        onMouseUp={() => {
          // A click (not a selection) in the output puts the cursor back in the input.
          if (!window.getSelection()?.toString()) input.current?.focus({ preventScroll: true })
        }}
      >
        {p.log.length === 0 ? (
          <div className="term-empty">
            {p.empty}
            {p.examples?.length ? (
              <div className="term-examples">
                {p.examples.map((x) => (
                  <button
                    key={x}
                    className="term-example mono"
                    data-testid={`${p.testid}.example`}
                    onClick={() => {
                      set(x)
                      input.current?.focus()
                    }}
                  >
                    {x}
                  </button>
                ))}
              </div>
            ) : null}
          </div>
        ) : null}
        {shown.map((e) => (
          <TermBlock key={e.id} entry={e} prompt={e.prompt ?? p.prompt} testid={p.testid} />
        ))}
      </div>
      {choices ? (
        <div className="term-choices mono" data-testid={`${p.testid}.completions`} aria-live="polite">
          {choices.slice(0, 60).map((c) => (
            <span key={c}>{c}</span>
          ))}
          {choices.length > 60 ? <span className="muted">{t('term.more', { n: choices.length - 60 })}</span> : null}
        </div>
      ) : null}
      <div className="term-input-row" onClick={() => input.current?.focus()}>
        <span className="prompt mono">{p.prompt}</span>
        <input
          ref={input}
          className="term-input mono"
          data-testid={`${p.testid}.input`}
          value={line}
          placeholder={p.placeholder}
          spellCheck={false}
          autoComplete="off"
          autoCapitalize="off"
          onChange={(e) => {
            history.current!.reset()
            setChoices(null)
            setLine(e.target.value)
          }}
          onKeyDown={onKeyDown}
          aria-label={p.ariaLabel}
        />
        <span className="term-keys muted small">{t('term.keys')}</span>
      </div>
    </div>
  )
})

/** Text selected in the input or on the page: then Ctrl+C copies instead of interrupting. */
function hasSelection(el: HTMLInputElement): boolean {
  if (el.selectionStart !== null && el.selectionStart !== el.selectionEnd) return true
  return !!window.getSelection()?.toString()
}
