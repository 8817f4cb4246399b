/**
 * Command history with ↑/↓, as bash's readline keeps it: ↑ walks to older lines, ↓ back to
 * newer ones and finally to the line being typed before (the draft), a line equal to the
 * previous one is stored once, and the list survives a reload (localStorage, per terminal kind).
 *
 * @example
 *   const h = new History('kp.history.kubectl')
 *   h.push('get pods')
 *   h.up('get no')   // 'get pods' (and 'get no' is kept as the draft)
 *   h.down('get pods') // 'get no'
 */
export const HISTORY_SIZE = 200

type Storage = Pick<globalThis.Storage, 'getItem' | 'setItem'>

function defaultStorage(): Storage | undefined {
  try {
    return globalThis.localStorage
  } catch {
    return undefined
  }
}

export class History {
  private entries: string[]
  /** Index into entries while walking; null when at the draft. */
  private index: number | null = null
  private draft = ''

  constructor(
    private readonly key: string,
    private readonly storage: Storage | undefined = defaultStorage(),
    private readonly size = HISTORY_SIZE,
  ) {
    this.entries = load(storage, key)
  }

  all(): readonly string[] {
    return this.entries
  }

  /** A line was run: remember it and stop walking. */
  push(line: string): void {
    const l = line.trim()
    this.index = null
    this.draft = ''
    if (!l || this.entries[this.entries.length - 1] === l) return
    this.entries = [...this.entries, l].slice(-this.size)
    try {
      this.storage?.setItem(this.key, JSON.stringify(this.entries))
    } catch {
      // storage full or unavailable: history lasts for this page
    }
  }

  /** ↑: the previous (older) line, or undefined when there is none. `current` is what the input holds. */
  up(current: string): string | undefined {
    if (this.entries.length === 0) return undefined
    if (this.index === null) {
      this.draft = current
      this.index = this.entries.length - 1
    } else if (this.index > 0) this.index--
    else return undefined
    return this.entries[this.index]
  }

  /** ↓: the next (newer) line, the draft after the newest, undefined when already at the draft. */
  down(): string | undefined {
    if (this.index === null) return undefined
    if (this.index < this.entries.length - 1) return this.entries[++this.index]
    this.index = null
    return this.draft
  }

  /** The person typed: walking ends where they are. */
  reset(): void {
    this.index = null
  }
}

function load(storage: Storage | undefined, key: string): string[] {
  try {
    const v: unknown = JSON.parse(storage?.getItem(key) ?? '[]')
    return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []
  } catch {
    return []
  }
}
