import type { Container } from '../api/types'
import type { ImageKind } from './image-model'

/**
 * What a running simulated container does, from its image kind and command (DESIGN
 * "Simulated containers"):
 * - **server** images (nginx, httpd, agnhost, any unknown image) listen on their
 *   `containerPort`s until stopped, and exit promptly on SIGTERM with 143 (128 + 15);
 * - **shell** images (busybox, alpine, ubuntu, …) run their `command`/`args` as a tiny shell:
 *   `sleep N`, `exit N`, `true`/`false`, `echo …`, `while true; do …; done`, joined by `;`,
 *   `&&` or newlines. No command runs the image's default `sh`, which exits 0 at once (no
 *   stdin) — the classic `kubectl run --image=busybox` that completes immediately. A shell
 *   is PID 1 and ignores SIGTERM, so it is killed with SIGKILL (137) when the grace period
 *   ends. Anything it does not understand takes no time and succeeds.
 * A command on a server image that starts with a shell or `sleep` is run the same way.
 */
export type Behaviour =
  | { kind: 'server'; ports: number[]; onTerm: 'exit' }
  | {
      kind: 'process'
      /** How long it runs before exiting on its own; undefined = forever. */
      runsMs: number | undefined
      exitCode: number
      onTerm: 'exit' | 'ignore'
    }

const SHELLS = new Set(['sh', '/bin/sh', 'bash', '/bin/bash', 'ash', '/bin/ash'])

export function containerBehaviour(c: Container, kind: ImageKind): Behaviour {
  const argv = [...(c.command ?? []), ...(c.args ?? [])]
  const first = argv[0] ?? ''
  const scripted = SHELLS.has(first) || first === 'sleep' || first === '/bin/sleep'
  if (kind === 'server' && !scripted) return { kind: 'server', ports: (c.ports ?? []).map((p) => p.containerPort), onTerm: 'exit' }
  if (argv.length === 0) return { kind: 'process', runsMs: 0, exitCode: 0, onTerm: 'ignore' }
  let script: string
  if (SHELLS.has(first)) {
    const i = argv.indexOf('-c')
    script = i >= 0 ? argv.slice(i + 1).join(' ') : ''
  } else script = argv.map((a) => (/\s/.test(a) ? `'${a}'` : a)).join(' ')
  return { kind: 'process', ...runScript(script), onTerm: 'ignore' }
}

/** Evaluate the tiny shell: total sleeping time and exit code; a loop or `sleep infinity` runs forever. */
export function runScript(script: string): { runsMs: number | undefined; exitCode: number } {
  const text = script.trim()
  if (/\bwhile\s+(true|:)\b|\bsleep\s+inf(inity)?\b|\btail\s+-f\b/.test(text)) return { runsMs: undefined, exitCode: 0 }
  let ms = 0
  let exitCode = 0
  for (const raw of text.split(/;|&&|\n/)) {
    const words = raw.trim().split(/\s+/).filter(Boolean)
    const cmd = words[0]
    if (!cmd) continue
    if (cmd === 'sleep' || cmd === '/bin/sleep') ms += parseSleep(words[1] ?? '')
    else if (cmd === 'exit') {
      exitCode = Number(words[1] ?? 0) & 255
      return { runsMs: ms, exitCode }
    } else if (cmd === 'false') exitCode = 1
    else exitCode = 0
  }
  return { runsMs: ms, exitCode }
}

/** `sleep 10`, `sleep 1.5`, `sleep 2m`, `sleep 1h` (busybox accepts s/m/h/d suffixes). */
function parseSleep(arg: string): number {
  const m = /^(\d+(?:\.\d+)?)([smhd]?)$/.exec(arg)
  if (!m) return 0
  const unit = { '': 1000, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 }[m[2] as '' | 's' | 'm' | 'h' | 'd']
  return Math.round(Number(m[1]) * unit)
}
