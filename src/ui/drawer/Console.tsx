import { useEffect, useRef, useState } from 'react'
import { useStore } from '../store'
import { useT } from '../i18n'
import { runConsoleLine } from '../actions'

/** A minimal kubectl console: type a line, see kubectl's output; clicks are echoed here too. */
export function Console() {
  const t = useT()
  const log = useStore((s) => s.consoleLog)
  const [line, setLine] = useState('')
  const [cursor, setCursor] = useState<number | null>(null)
  const out = useRef<HTMLDivElement>(null)
  const typed = log.filter((e) => !e.fromClick).map((e) => e.command)

  useEffect(() => {
    out.current?.scrollTo({ top: out.current.scrollHeight })
  }, [log])

  const submit = () => {
    const l = line.trim()
    if (!l) return
    setLine('')
    setCursor(null)
    void runConsoleLine(l)
  }
  const history = (dir: -1 | 1) => {
    if (!typed.length) return
    const next = cursor === null ? (dir < 0 ? typed.length - 1 : null) : cursor + dir
    if (next === null || next >= typed.length) {
      setCursor(null)
      setLine('')
    } else if (next >= 0) {
      setCursor(next)
      setLine(typed[next])
    }
  }

  return (
    <div className="console">
      <div className="console-output mono" data-testid="console.output" ref={out}>
        {log.length ? null : <div className="muted">{t('console.hint')}</div>}
        {log.map((e) => (
          <div key={e.id} className="console-entry">
            <div className="console-cmd">
              <span className="prompt">$</span> {e.command}
            </div>
            {e.stdout ? <pre>{e.stdout}</pre> : null}
            {e.stderr ? <pre className="error">{e.stderr}</pre> : null}
          </div>
        ))}
      </div>
      <form
        className="console-input-row"
        onSubmit={(e) => {
          e.preventDefault()
          submit()
        }}
      >
        <span className="prompt mono">$</span>
        <input
          className="console-input mono"
          data-testid="console.input"
          value={line}
          placeholder={t('console.placeholder')}
          spellCheck={false}
          autoComplete="off"
          onChange={(e) => setLine(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'ArrowUp') {
              e.preventDefault()
              history(-1)
            } else if (e.key === 'ArrowDown') {
              e.preventDefault()
              history(1)
            }
          }}
          aria-label={t('drawer.console')}
        />
        <button className="btn" type="submit">
          {t('console.run')}
        </button>
      </form>
    </div>
  )
}
