import { memo, useEffect, useRef, useState } from 'react'
import type { KObject } from '../../engine/index'
import { useT } from '../i18n'
import { Icon } from '../icons'
import { runFromClick } from '../actions'
import { pauseCommand, restartCommand, scaleCommand, setImageCommand, strategyCommand, type Target } from './commands'
import { templateImages } from './model'
import { onFocusRequest, takeFocus } from './focus'

/** Images that teach something: a newer tag (a normal rollout) and a tag that does not exist (ErrImagePull). */
export const EXAMPLE_IMAGES = ['nginx:1.27', 'nginx:1.26', 'nginx:does-not-exist'] as const

export const targetOf = (o: KObject): Target => ({ kind: o.kind, name: o.metadata.name as string, namespace: o.metadata.namespace ?? 'default' })

/** The command this form would run, shown before the click ("what will I be typing?"). */
function Preview({ line }: { line: string }) {
  return <code className="cmd-preview mono">$ {line}</code>
}

/** − [n] + and Scale: `kubectl scale <kind>/<name> --replicas=n`. */
export const ScaleControl = memo(function ScaleControl({ obj }: { obj: KObject }) {
  const t = useT()
  const desired: number = obj.spec?.replicas ?? 1
  const [n, setN] = useState(desired)
  const [seen, setSeen] = useState(desired)
  // Follow changes made elsewhere (the + on the canvas, the console): React's "adjust state on a prop change".
  if (seen !== desired) {
    setSeen(desired)
    setN(desired)
  }
  const target = targetOf(obj)
  const line = scaleCommand(target, n)
  return (
    <div className="ctl" data-testid="ctl.scale">
      <label className="ctl-label">{t('wl.replicas')}</label>
      <div className="ctl-row">
        <button className="icon-btn" onClick={() => setN(Math.max(0, n - 1))} aria-label={t('rs.scaleDown')} title={t('rs.scaleDown')}>
          <Icon name="minus" size={16} />
        </button>
        <input className="ctl-input num" type="number" min={0} max={500} value={n} data-testid="ctl.scale.input" onChange={(e) => setN(Math.max(0, Math.floor(Number(e.target.value) || 0)))} aria-label={t('wl.replicas')} />
        <button className="icon-btn" onClick={() => setN(n + 1)} aria-label={t('rs.scaleUp')} title={t('rs.scaleUp')}>
          <Icon name="plus" size={16} />
        </button>
        <button className="btn btn-small" data-testid="ctl.scale.apply" disabled={n === desired} onClick={() => void runFromClick(line)}>
          {t('wl.scale')}
        </button>
      </div>
      {n !== desired ? <Preview line={line} /> : null}
    </div>
  )
})

/** Container + image → `kubectl set image <kind>/<name> <container>=<image>`. */
export const ImageForm = memo(function ImageForm({ obj }: { obj: KObject }) {
  const t = useT()
  const uid = obj.metadata.uid as string
  const containers = templateImages(obj)
  const [container, setContainer] = useState(containers[0]?.name ?? '')
  const [image, setImage] = useState('')
  const input = useRef<HTMLInputElement>(null)
  const box = useRef<HTMLDivElement>(null)
  useEffect(() => {
    const take = () => {
      if (!takeFocus(uid, 'image')) return
      box.current?.scrollIntoView({ block: 'nearest' })
      input.current?.focus()
    }
    take()
    return onFocusRequest(take)
  }, [uid])
  if (!containers.length) return null
  const current = containers.find((c) => c.name === container)?.image ?? ''
  const line = setImageCommand(targetOf(obj), container, image || current)
  const submit = () => {
    if (!image || image === current) return
    void runFromClick(line).then((r) => {
      if (r.code !== 0) return
      setImage('')
      // Back to the top of the inspector: the rollout readout is where the change shows.
      box.current?.closest('.inspector-body')?.scrollTo({ top: 0, behavior: 'smooth' })
    })
  }
  return (
    <div className="ctl" ref={box} data-testid="ctl.image">
      <label className="ctl-label">{t('wl.setImage')}</label>
      <form
        className="ctl-row"
        onSubmit={(e) => {
          e.preventDefault()
          submit()
        }}
      >
        {containers.length > 1 ? (
          <select value={container} onChange={(e) => setContainer(e.target.value)} data-testid="ctl.image.container" aria-label={t('wl.container')}>
            {containers.map((c) => (
              <option key={c.name} value={c.name}>
                {c.name}
              </option>
            ))}
          </select>
        ) : (
          <span className="mono ctl-fixed" title={t('wl.container')}>
            {container}=
          </span>
        )}
        <input
          ref={input}
          className="ctl-input mono grow"
          data-testid="ctl.image.input"
          value={image}
          placeholder={current}
          spellCheck={false}
          autoComplete="off"
          onChange={(e) => setImage(e.target.value.trim())}
          aria-label={t('wl.image')}
        />
        <button className="btn btn-small btn-primary" type="submit" data-testid="ctl.image.apply" disabled={!image || image === current}>
          {t('wl.setImageButton')}
        </button>
      </form>
      <div className="chips">
        <span className="muted small">{t('wl.tryImage')}</span>
        {EXAMPLE_IMAGES.map((img) => (
          <button key={img} className="chip mono" data-testid={`ctl.image.example.${img}`} onClick={() => setImage(img)} title={img.includes('does-not-exist') ? t('wl.badImageHint') : undefined}>
            {img}
          </button>
        ))}
      </div>
      {image ? <Preview line={line} /> : null}
    </div>
  )
})

/** Deployment-only: strategy switch, pause/resume, restart. */
export const RolloutControls = memo(function RolloutControls({ obj }: { obj: KObject }) {
  const t = useT()
  const target = targetOf(obj)
  const strategy: string = obj.spec?.strategy?.type ?? 'RollingUpdate'
  const paused = !!obj.spec?.paused
  return (
    <div className="ctl" data-testid="ctl.rollout">
      <label className="ctl-label">{t('wl.strategy')}</label>
      <div className="ctl-row">
        <div className="segmented" role="radiogroup" aria-label={t('wl.strategy')}>
          {(['RollingUpdate', 'Recreate'] as const).map((s) => (
            <button
              key={s}
              role="radio"
              aria-checked={strategy === s}
              className={`seg${strategy === s ? ' on' : ''}`}
              data-testid={`ctl.strategy.${s}`}
              title={strategyCommand(target, s)}
              onClick={() => strategy !== s && void runFromClick(strategyCommand(target, s))}
            >
              {s}
            </button>
          ))}
        </div>
      </div>
      <p className="muted small ctl-explain">{strategy === 'Recreate' ? t('wl.recreateExplain') : t('wl.rollingExplain')}</p>
      <div className="ctl-row">
        <button className="btn btn-small" data-testid="ctl.pause" onClick={() => void runFromClick(pauseCommand(target, !paused))} title={pauseCommand(target, !paused)}>
          <Icon name={paused ? 'play' : 'pause'} size={14} />
          {paused ? t('wl.resume') : t('wl.pause')}
        </button>
        <button className="btn btn-small" data-testid="ctl.restart" onClick={() => void runFromClick(restartCommand(target))} title={restartCommand(target)}>
          <Icon name="restart" size={14} />
          {t('wl.restart')}
        </button>
      </div>
      {paused ? <p className="note small">{t('wl.pausedExplain')}</p> : null}
    </div>
  )
})
