import { useEffect, useMemo } from 'react'
import { useShallow } from 'zustand/react/shallow'
import type { KObject } from '../../engine/index'
import type { LifecycleEntry } from '../../protocol'
import { useStore } from '../store'
import { followLifecycle } from '../engine-client'
import { recordsFromEvents } from './from-events'

export interface PodLifecycle {
  records: readonly LifecycleEntry[]
  /** `kubelet`: the kubelet's own log; `events`: rebuilt from Events and container statuses. */
  source: 'kubelet' | 'events'
}

/**
 * Follow a pod's lifecycle while it is on screen: ask the worker for the kubelet's records
 * (and their updates) for as long as the component is mounted; fall back on Events and
 * container statuses when the engine keeps no log.
 */
export function usePodLifecycle(pod: KObject): PodLifecycle {
  const uid = pod.metadata.uid as string
  const node = pod.spec?.nodeName as string | undefined
  const namespace = pod.metadata.namespace ?? 'default'
  const name = pod.metadata.name as string
  useEffect(() => {
    followLifecycle({ uid, node, namespace, name })
    return () => {
      followLifecycle({ uid: null })
      useStore.getState().setLifecycle(null)
    }
  }, [uid, node, namespace, name])
  const followed = useStore((s) => (s.lifecycle?.uid === uid ? s.lifecycle : null))
  const useEvents = !followed?.available
  const events = useStore(
    useShallow((s) => {
      if (!useEvents) return []
      const out: KObject[] = []
      for (const id of s.eventOrder) {
        const e = s.objects[id]
        if (e?.involvedObject?.uid === uid) out.push(e)
      }
      return out
    }),
  )
  const fallback = useMemo(() => (useEvents ? recordsFromEvents(pod, events) : []), [useEvents, pod, events])
  return followed?.available ? { records: followed.records, source: 'kubelet' } : { records: fallback, source: 'events' }
}
