import { memo, useMemo } from 'react'
import { stringify } from 'yaml'
import type { KObject } from '../../engine/index'

/** The object as `kubectl get -o yaml` would show it (keys in stored order). */
export const YamlView = memo(function YamlView({ obj }: { obj: KObject }) {
  const text = useMemo(() => stringify(obj, { lineWidth: 0 }), [obj])
  return (
    <pre className="yaml-view mono" data-testid="inspector.yaml">
      {text}
    </pre>
  )
})
