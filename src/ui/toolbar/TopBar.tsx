import { memo } from 'react'
import { DEFAULT_STEP_MS, SPEEDS, isSpeed } from '../../protocol'
import { useStore } from '../store'
import { LANGUAGES, useT, type Language } from '../i18n'
import { control, setSpeed } from '../engine-client'
import { formatClock } from '../model/time'
import { Icon } from '../icons'
import { ProxyModeSelect } from '../services/ProxyModeSwitch'
import { ExportMenu } from '../export/ExportMenu'

const Clock = memo(function Clock() {
  const t = useT()
  const clock = useStore((s) => s.clock)
  const playing = useStore((s) => s.playing)
  return (
    <div className={`clock${playing ? '' : ' paused'}`} title={t('toolbar.clockTitle')}>
      <span className="clock-label">
        {t('toolbar.clock')}
        {playing ? null : <span className="clock-paused"> · {t('toolbar.paused')}</span>}
      </span>
      <span className="clock-value mono" data-testid="toolbar.clock" data-ms={clock}>
        {formatClock(clock)}
      </span>
    </div>
  )
})

/** "The command behind the click": what the last button did, as the kubectl line to type. */
const LastCommand = memo(function LastCommand() {
  const t = useT()
  const cmd = useStore((s) => s.lastCommand)
  if (!cmd) return <div className="last-command empty" />
  return (
    <div className={`last-command${cmd.ok ? '' : ' failed'}`} title={t('canvas.commandBehind')} data-testid="last-command">
      <span className="last-command-label">{t('canvas.commandBehind')}</span>
      <code className="mono">$ {cmd.text}</code>
    </div>
  )
})

/** Time controls, the command behind the last click, language and theme. */
export function TopBar() {
  const t = useT()
  const playing = useStore((s) => s.playing)
  const speed = useStore((s) => s.speed)
  const theme = useStore((s) => s.theme)
  const language = useStore((s) => s.language)
  const { setTheme, setLanguage } = useStore.getState()
  return (
    <header className="topbar">
      <div className="brand">
        <Icon name="logo" size={26} />
        <div>
          <div className="brand-name">{t('app.title')}</div>
          <div className="brand-tag">{t('app.tagline')}</div>
        </div>
      </div>
      <div className="time-controls">
        {playing ? (
          <button className="btn btn-primary" data-testid="toolbar.pause" onClick={() => control('pause')} title={t('toolbar.pause')}>
            <Icon name="pause" />
            {t('toolbar.pause')}
          </button>
        ) : (
          <button className="btn btn-primary" data-testid="toolbar.play" onClick={() => control('play')} title={t('toolbar.play')}>
            <Icon name="play" />
            {t('toolbar.play')}
          </button>
        )}
        <button className="btn" data-testid="toolbar.step" onClick={() => control('step')} title={t('toolbar.stepTitle', { ms: DEFAULT_STEP_MS })}>
          <Icon name="step" />
          {t('toolbar.step')}
        </button>
        <label className="speed" title={t('toolbar.speedTitle')}>
          <span>{t('toolbar.speed')}</span>
          <select
            data-testid="toolbar.speed"
            value={speed}
            onChange={(e) => {
              const v = Number(e.target.value)
              if (isSpeed(v)) setSpeed(v)
            }}
          >
            {SPEEDS.map((s) => (
              <option key={s} value={s}>
                {s}×
              </option>
            ))}
          </select>
        </label>
        <Clock />
      </div>
      <ProxyModeSelect />
      <LastCommand />
      <div className="prefs">
        <ExportMenu />
        <label className="lang" title={t('toolbar.language')}>
          <Icon name="globe" />
          <select data-testid="toolbar.language" value={language} aria-label={t('toolbar.language')} onChange={(e) => setLanguage(e.target.value as Language)}>
            {Object.entries(LANGUAGES).map(([code, name]) => (
              <option key={code} value={code}>
                {name}
              </option>
            ))}
          </select>
        </label>
        <button
          className="btn btn-icon"
          data-testid="toolbar.theme"
          onClick={() => setTheme(theme === 'dark' ? 'light' : 'dark')}
          title={`${t('toolbar.theme')}: ${theme === 'dark' ? t('toolbar.themeDark') : t('toolbar.themeLight')}`}
          aria-label={t('toolbar.theme')}
        >
          <Icon name={theme === 'dark' ? 'moon' : 'sun'} />
        </button>
      </div>
    </header>
  )
}
