/**
 * Export: the cluster (or one object) as YAML that `kubectl apply -f` accepts on any cluster —
 * the engine's exporter does the cleaning (src/engine/export.ts); the UI saves the file, or
 * opens it in the editor to read first. The command behind the click is the closest kubectl
 * line (`kubectl get … -o yaml`, minus what the export strips).
 */
import { exportObjects } from '../engine-client'
import { useStore } from '../store'
import { downloadText, yamlFileName } from './download'

export async function exportToFile(uids?: string[], name = 'cluster'): Promise<void> {
  const r = await exportObjects(uids)
  useStore.getState().setLastCommand({ id: r.id, text: r.command, ok: r.code === 0 })
  if (r.code === 0) downloadText(yamlFileName(name), r.stdout)
}

export async function exportToEditor(uids?: string[]): Promise<void> {
  const r = await exportObjects(uids)
  const s = useStore.getState()
  s.setLastCommand({ id: r.id, text: r.command, ok: r.code === 0 })
  if (r.code === 0) s.loadEditor(r.stdout, { kind: 'export' })
}
