import { useEffect } from 'react'
import { LazyMotion, MotionConfig, domAnimation } from 'framer-motion'
import { useStore } from './store'
import { translate, useT } from './i18n'
import { useEngineWorker } from './engine-client'
import { PROTOCOL_VERSION } from '../protocol'
import { TopBar } from './toolbar/TopBar'
import { Canvas } from './graph/Canvas'
import { Legend } from './graph/Legend'
import { Inspector } from './inspector/Inspector'
import { Drawer } from './drawer/Drawer'
import { Icon } from './icons'
import './styles/base.css'
import './styles/graph.css'
import './styles/panels.css'
import './styles/drawer.css'

/** Theme and language live on <html>, so CSS variables and the CJK font stack follow them. */
function useDocumentSettings() {
  const theme = useStore((s) => s.theme)
  const language = useStore((s) => s.language)
  useEffect(() => {
    const html = document.documentElement
    html.dataset.theme = theme
    html.lang = language === 'zh' ? 'zh-CN' : 'en'
    document.title = `${translate(language, 'app.title')} — ${translate(language, 'app.tagline')}`
  }, [theme, language])
}

function Banner() {
  const t = useT()
  const protocolError = useStore((s) => s.protocolError)
  const workerError = useStore((s) => s.workerError)
  if (!protocolError && !workerError) return null
  return (
    <div className="banner" role="alert" data-testid="banner">
      <span>{protocolError ? t('app.protocolMismatch', { got: protocolError, want: PROTOCOL_VERSION }) : t('app.workerError', { message: workerError ?? '' })}</span>
      {workerError ? (
        <button className="btn btn-icon" onClick={() => useStore.getState().setWorkerError(null)} aria-label="×">
          <Icon name="close" />
        </button>
      ) : null}
    </div>
  )
}

/** The screen (DESIGN "The screen"): top bar; canvas with legend and drawer; inspector on the right. */
export function App() {
  useEngineWorker()
  useDocumentSettings()
  const t = useT()
  const ready = useStore((s) => s.ready)
  return (
    <LazyMotion features={domAnimation} strict>
      <MotionConfig reducedMotion="user">
        <div className="app">
          <TopBar />
          <main className="main">
            <div className="stage">
              {ready ? <Canvas /> : <div className="canvas starting">{t('app.starting')}</div>}
              <Legend />
              <Drawer />
            </div>
            <Inspector />
          </main>
          <Banner />
          {ready ? <span data-testid="app.ready" hidden /> : null}
        </div>
      </MotionConfig>
    </LazyMotion>
  )
}
