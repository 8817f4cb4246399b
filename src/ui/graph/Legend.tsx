import { memo } from 'react'
import { useT } from '../i18n'
import { POD_TONES } from '../model/pod-status'

/** What the pod colours mean — always on screen, since colour is the main thing the canvas says. */
export const Legend = memo(function Legend() {
  const t = useT()
  return (
    <div className="legend" data-testid="legend">
      <span className="legend-title">{t('legend.title')}</span>
      {POD_TONES.map((tone) => (
        <span key={tone} className="legend-item">
          <span className={`legend-swatch tone-${tone}`} />
          {t(`legend.${tone}`)}
        </span>
      ))}
    </div>
  )
})
