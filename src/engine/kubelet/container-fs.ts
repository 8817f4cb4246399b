/**
 * A container's files, as far as the simulated programs use them: a flat map of paths to
 * contents. Each container instance gets a fresh one (a restarted container starts from its
 * image again, so the liveness-exec example's `touch /tmp/healthy` runs again); a path under a
 * volume mount lives in the pod's volume instead, shared with the other containers that
 * mount it (an init container that writes `/work-dir/index.html` for nginx to serve).
 */
export class ContainerFs {
  private files = new Map<string, string>()
  private dirs = new Set<string>(['/', '/tmp', '/etc', '/var', '/usr', '/bin', '/root', '/home', '/dev'])

  constructor(
    seed: Record<string, string> = {},
    /** Mounted volumes: mount path → the pod-level volume (shared between containers). */
    private readonly mounts: { path: string; files: Map<string, string> }[] = [],
  ) {
    for (const [p, c] of Object.entries(seed)) this.write(p, c, false)
  }

  private where(path: string): { files: Map<string, string>; key: string } {
    const p = normalise(path)
    for (const m of this.mounts) if (p === m.path || p.startsWith(m.path + '/')) return { files: m.files, key: p.slice(m.path.length) || '/' }
    return { files: this.files, key: p }
  }

  read(path: string): string | undefined {
    if (path === '/dev/null') return ''
    const { files, key } = this.where(path)
    return files.get(key)
  }

  write(path: string, content: string, append: boolean): void {
    if (path === '/dev/null' || path === '/dev/stdout' || path === '/dev/stderr') return
    const { files, key } = this.where(path)
    files.set(key, append ? (files.get(key) ?? '') + content : content)
  }

  /** True when something was removed. */
  remove(path: string): boolean {
    const { files, key } = this.where(path)
    return files.delete(key) || this.dirs.delete(normalise(path))
  }

  exists(path: string): boolean {
    return this.read(path) !== undefined || this.isDir(path)
  }

  isDir(path: string): boolean {
    const p = normalise(path)
    if (this.dirs.has(p) || this.mounts.some((m) => m.path === p)) return true
    const prefix = p.endsWith('/') ? p : p + '/'
    for (const k of this.files.keys()) if (k.startsWith(prefix)) return true
    for (const m of this.mounts) {
      if (!p.startsWith(m.path + '/')) continue
      const inner = p.slice(m.path.length) + '/'
      for (const k of m.files.keys()) if (k.startsWith(inner)) return true
    }
    return false
  }

  mkdir(path: string): void {
    this.dirs.add(normalise(path))
  }
}

/** `/tmp//x/` → `/tmp/x`; relative paths are taken from `/` (the images' working directory). */
export function normalise(path: string): string {
  const parts: string[] = []
  for (const part of path.split('/')) {
    if (!part || part === '.') continue
    if (part === '..') parts.pop()
    else parts.push(part)
  }
  return '/' + parts.join('/')
}
