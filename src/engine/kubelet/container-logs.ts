/**
 * A container instance's log: what it printed, line by line with the virtual time, as the
 * container runtime keeps it under `/var/log/pods` (`kubectl logs` reads it through the kubelet).
 * Bounded like the kubelet's log rotation (`containerLogMaxSize`): the oldest lines go first.
 */
export interface LogLine {
  /** Virtual ms. */
  at: number
  stream: 'stdout' | 'stderr'
  text: string
}

/** Lines kept per container instance. */
export const MAX_LOG_LINES = 10_000

export class ContainerLog {
  readonly lines: LogLine[] = []
  private partial: Record<LogLine['stream'], string> = { stdout: '', stderr: '' }

  /** Append output; text without a final newline waits for the rest of its line. */
  write(at: number, stream: LogLine['stream'], text: string): void {
    const parts = (this.partial[stream] + text).split('\n')
    this.partial[stream] = parts.pop() ?? ''
    for (const p of parts) this.lines.push({ at, stream, text: p })
    if (this.lines.length > MAX_LOG_LINES * 1.1) this.lines.splice(0, this.lines.length - MAX_LOG_LINES)
  }

  /** The process ended: an unfinished last line is written as it is. */
  flush(at: number): void {
    for (const stream of ['stdout', 'stderr'] as const) {
      if (this.partial[stream]) this.lines.push({ at, stream, text: this.partial[stream] })
      this.partial[stream] = ''
    }
  }
}
