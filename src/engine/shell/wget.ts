import { statusText } from '../net/dataplane/http'
import type { TraceRequest, TraceResult } from '../net/dataplane/tracer'
import { fail, type Command } from './script'

/**
 * busybox `wget` (the HTTP client busybox and alpine images have instead of curl):
 * `wget -qO- http://web`, `wget -O- -T 2 URL`, `wget URL` (pretends to save index.html — the
 * playground has no container filesystems). Errors are busybox's texts, exit code 1.
 */
export function wgetCommand(doTrace: (req: Omit<TraceRequest, 'from'>) => TraceResult): Command {
  return (argv) => {
    let quiet = false
    let output: string | undefined
    let timeout: number | undefined
    let url: string | undefined
    for (let i = 0; i < argv.length; i++) {
      const a = argv[i]
      if (a === '-q') quiet = true
      else if (a === '-O') output = argv[++i]
      else if (a === '-qO-' || a === '-qO' || a === '-Oq') {
        quiet = true
        output = a === '-qO' ? argv[++i] : '-'
      } else if (a.startsWith('-O')) output = a.slice(2)
      else if (a === '-T') timeout = Number(argv[++i])
      else if (a.startsWith('-T')) timeout = Number(a.slice(2))
      else if (a === '-S' || a === '--spider') continue
      else if (a.startsWith('-')) return fail(`wget: unrecognized option '${a}'\nBusyBox v1.37.0 (2024-09-26 21:31:42 UTC) multi-call binary.\n\nUsage: wget [-cqS] [--spider] [-O FILE] [-o LOGFILE] [--header STR]\n\t[--post-data STR | --post-file FILE] [-Y on/off]\n\t[-P DIR] [-U AGENT] [-T SEC] URL...`, 1)
      else url = a
    }
    if (!url) return fail('BusyBox v1.37.0 (2024-09-26 21:31:42 UTC) multi-call binary.\n\nUsage: wget [-cqS] [--spider] [-O FILE] [-o LOGFILE] [--header STR]\n\t[--post-data STR | --post-file FILE] [-Y on/off]\n\t[-P DIR] [-U AGENT] [-T SEC] URL...', 1)
    const t = doTrace({ url, maxTimeS: timeout })
    const r = t.response
    const u = t.url
    let stderr = ''
    if (!u) return fail(`wget: bad address '${url}'`, 1)
    if (r.error?.code === 6) return fail(`wget: bad address '${u.host}${u.port === 80 ? '' : `:${u.port}`}'`, 1)
    const ip = r.remote?.ip ?? ''
    if (!quiet) stderr += `Connecting to ${u.host}${u.host === ip ? '' : ` (${ip}:${u.port})`}\n`
    if (r.error) {
      const msg = r.error.code === 7 ? `wget: can't connect to remote host (${ip}): ${r.elapsedMs > 0 ? 'No route to host' : 'Connection refused'}`
        : r.error.code === 28 ? 'wget: download timed out'
          : r.error.code === 52 ? 'wget: error getting response: Connection reset by peer'
            : `wget: ${r.error.message}`
      return { code: 1, stdout: '', stderr: stderr + msg + '\n' }
    }
    if ((r.status ?? 0) >= 400) return { code: 1, stdout: '', stderr: stderr + `wget: server returned error: HTTP/1.1 ${r.status} ${statusText(r.status ?? 0)}\n` }
    const body = r.body ?? ''
    const toStdout = output === '-'
    const file = output ?? 'index.html'
    if (!quiet) {
      stderr += toStdout ? 'writing to stdout\n' : `saving to '${file}'\n`
      stderr += `${(toStdout ? '-' : file).padEnd(20)} 100% |********************************| ${String(body.length).padStart(5)}  0:00:00 ETA\n`
      stderr += toStdout ? 'written to stdout\n' : `'${file}' saved\n`
    }
    return { code: 0, stdout: toStdout ? body : '', stderr }
  }
}
