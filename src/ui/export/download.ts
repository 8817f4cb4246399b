/**
 * Saving text as a file from the browser: a Blob behind a temporary `<a download>` (no server,
 * no permission prompt). The URL is revoked once the click has started the download.
 */
export function downloadText(fileName: string, text: string, type = 'application/yaml'): void {
  const url = URL.createObjectURL(new Blob([text], { type }))
  const a = document.createElement('a')
  a.href = url
  a.download = fileName
  a.style.display = 'none'
  document.body.appendChild(a)
  a.click()
  a.remove()
  setTimeout(() => URL.revokeObjectURL(url), 1000)
}

/** `web.yaml`, `cluster.yaml`: a file name from an object name (never empty, no path characters). */
export function yamlFileName(base: string): string {
  const safe = base.replace(/[^\w.-]+/g, '-').replace(/^-+|-+$/g, '')
  return `${safe || 'cluster'}.yaml`
}
