import { CURL_VERSION, statusText } from '../net/dataplane/http'
import { isUrlError, parseUrl } from '../net/dataplane/url'
import type { TraceRequest, TraceResponse, TraceResult } from '../net/dataplane/tracer'
import { fail, type Command, type ShellResult } from './script'

/**
 * `curl` (8.x) on the simulated network: every request is a trace through the rules the
 * nodes hold (`cluster.trace()` then shows the last one). Several URLs to the same host and
 * port share one keep-alive connection, as curl does — so they reach the same endpoint, and
 * only the first packet walks the rules. Messages are curl's own:
 * `curl: (7) Failed to connect to web port 80 after 0 ms: Couldn't connect to server`,
 * `curl: (28) Connection timed out after 5001 milliseconds`, `curl: (6) Could not resolve host: web`.
 * Without `-s` curl draws its progress meter on stderr (stdout is not a terminal under
 * `kubectl exec`); the playground prints only its final line.
 */

export { CURL_VERSION }

interface CurlOpts {
  silent: boolean
  showError: boolean
  verbose: boolean
  include: boolean
  head: boolean
  insecure: boolean
  failHttp: boolean
  maxTime?: number
  connectTimeout?: number
  localPort?: number
  output?: string
  writeOut?: string
  urls: string[]
}

const NEEDS_VALUE = new Set(['-m', '--max-time', '--connect-timeout', '--local-port', '-o', '--output', '-w', '--write-out', '-H', '--header', '-X', '--request', '-d', '--data', '-A', '--user-agent', '--retry'])

function parseArgs(argv: string[]): CurlOpts | ShellResult {
  const o: CurlOpts = { silent: false, showError: false, verbose: false, include: false, head: false, insecure: false, failHttp: false, urls: [] }
  for (let i = 0; i < argv.length; i++) {
    let a = argv[i]
    let val: string | undefined
    if (a.startsWith('--') && a.includes('=')) [a, val] = [a.slice(0, a.indexOf('=')), a.slice(a.indexOf('=') + 1)]
    const take = (): string | undefined => val ?? argv[++i]
    if (/^-[a-zA-Z]{2,}$/.test(a)) {
      // Combined short flags (-sS, -sk, -sm 5 …): the last one may take the next word.
      const flags = a.slice(1).split('')
      for (let j = 0; j < flags.length; j++) {
        const f = `-${flags[j]}`
        if (NEEDS_VALUE.has(f)) {
          const rest = flags.slice(j + 1).join('')
          const v = rest || argv[++i]
          const r = apply(o, f, v)
          if (r) return r
          break
        }
        const r = apply(o, f, undefined)
        if (r) return r
      }
      continue
    }
    if (a.startsWith('-') && a !== '-') {
      const r = apply(o, a, NEEDS_VALUE.has(a) ? take() : undefined)
      if (r) return r
      continue
    }
    o.urls.push(a)
  }
  return o
}

function apply(o: CurlOpts, flag: string, v: string | undefined): ShellResult | undefined {
  const num = (): number | ShellResult => {
    const n = Number(v)
    return v !== undefined && /^\d+(\.\d+)?$/.test(v) ? n : fail(`curl: option ${flag}: expected a proper numerical parameter\ncurl: try 'curl --help' or 'curl --manual' for more information`, 2)
  }
  switch (flag) {
    case '-s': case '--silent': o.silent = true; return
    case '-S': case '--show-error': o.showError = true; return
    case '-v': case '--verbose': o.verbose = true; return
    case '-i': case '--include': o.include = true; return
    case '-I': case '--head': o.head = true; return
    case '-k': case '--insecure': o.insecure = true; return
    case '-f': case '--fail': o.failHttp = true; return
    case '-L': case '--location': case '-4': case '--ipv4': case '-N': case '--no-buffer': case '--http1.1': return
    case '-H': case '--header': case '-X': case '--request': case '-d': case '--data': case '-A': case '--user-agent': case '--retry': return
    case '-m': case '--max-time': case '--connect-timeout': case '--local-port': {
      const n = num()
      if (typeof n !== 'number') return n
      if (flag === '--connect-timeout') o.connectTimeout = n
      else if (flag === '--local-port') o.localPort = n
      else o.maxTime = n
      return
    }
    case '-o': case '--output': o.output = v; return
    case '-w': case '--write-out': o.writeOut = v; return
    default:
      return fail(`curl: option ${flag}: is unknown\ncurl: try 'curl --help' or 'curl --manual' for more information`, 2)
  }
}

const METER_HEAD = '  % Total    % Received % Xferd  Average Speed   Time    Time     Time  Current\n                                 Dload  Upload   Total   Spent    Left  Speed\n'

/** The progress meter's last line (`progress.c`: `%3d %5s  %3d %5s  %3d %5s  %5s  %5s %8s %8s %8s %5s`). */
function meterLine(bytes: number, ms: number): string {
  const p5 = (n: number | string): string => String(n).padStart(5)
  const pct = bytes ? 100 : 0
  const speed = bytes ? Math.round((bytes * 1000) / Math.max(1, ms)) : 0
  const t = '--:--:--'
  return `${String(pct).padStart(3)} ${p5(bytes)}  ${String(pct).padStart(3)} ${p5(bytes)}    0 ${p5(0)}  ${p5(speed)}      0 ${t} ${t} ${t} ${p5(speed)}\n`
}

function writeOut(fmt: string, r: TraceResponse, url: string, code: number): string {
  const vars: Record<string, string> = {
    http_code: String(r.status ?? 0).padStart(3, '0'), response_code: String(r.status ?? 0).padStart(3, '0'),
    remote_ip: r.remote?.ip ?? '', remote_port: String(r.remote?.port ?? ''), local_ip: r.local?.ip ?? '', local_port: String(r.local?.port ?? ''),
    time_total: (r.elapsedMs / 1000).toFixed(6), time_connect: (r.elapsedMs / 2000).toFixed(6), size_download: String(r.body?.length ?? 0),
    exitcode: String(code), url_effective: url, url,
  }
  return fmt.replace(/%\{([a-z_]+)\}/g, (_m, k: string) => vars[k] ?? '').replace(/\\n/g, '\n').replace(/\\t/g, '\t').replace(/\\r/g, '\r')
}

/** Group consecutive URLs by scheme://host:port: each group is one connection. */
function groups(urls: string[]): { url: string; paths: string[] }[] {
  const out: { key: string; url: string; paths: string[] }[] = []
  for (const u of urls) {
    const p = parseUrl(u)
    const key = isUrlError(p) ? `!${u}` : `${p.scheme}://${p.host}:${p.port}`
    const last = out[out.length - 1]
    if (last && last.key === key && !key.startsWith('!')) last.paths.push(isUrlError(p) ? '/' : p.path)
    else out.push({ key, url: u, paths: [isUrlError(p) ? '/' : p.path] })
  }
  return out
}

export function curlCommand(doTrace: (req: Omit<TraceRequest, 'from'>) => TraceResult): Command {
  return (argv) => {
    const o = parseArgs(argv)
    if ('code' in o) return o
    if (!o.urls.length) return fail("curl: no URL specified\ncurl: try 'curl --help' or 'curl --manual' for more information", 2)
    if (o.output && o.output !== '/dev/null' && o.output !== '-') return fail(`Warning: Failed to open the file ${o.output}: Read-only file system\ncurl: (23) Failure writing output to destination`, 23)
    let stdout = ''
    let stderr = ''
    let code = 0
    let connNo = 0
    for (const g of groups(o.urls)) {
      const t = doTrace({ url: g.url, paths: g.paths, maxTimeS: o.maxTime, connectTimeoutS: o.connectTimeout, sport: o.localPort, insecure: o.insecure, head: o.head })
      const u = t.url
      if (o.verbose && u && t.resolved && t.resolved.addresses[0] !== u.host)
        stderr += `* Host ${u.host}:${u.port} was resolved.\n* IPv6: (none)\n* IPv4: ${t.resolved.addresses.join(', ')}\n`
      t.responses.forEach((r, i) => {
        const ip = r.remote?.ip ?? ''
        if (o.verbose && u && ip) {
          if (i === 0) stderr += `*   Trying ${ip}:${u.port}...\n`
          else stderr += `* Re-using existing http: connection with host ${u.host}\n`
        }
        if (r.error) {
          code = r.error.code
          if (o.verbose && u && ip && r.error.code === 7) stderr += `* connect to ${ip} port ${u.port} from ${r.local?.ip} port ${r.local?.port} failed: Connection refused\n`
          if (o.verbose) stderr += `* ${r.error.message}\n* closing connection #${connNo}\n`
          if (!o.silent) stderr += METER_HEAD + meterLine(0, r.elapsedMs)
          if (!o.silent || o.showError) stderr += `curl: (${r.error.code}) ${r.error.message}\n`
          if (o.writeOut) stdout += writeOut(o.writeOut, r, g.url, r.error.code)
          return
        }
        const status = r.status ?? 0
        const head = `HTTP/1.1 ${status} ${statusText(status)}`
        if (o.verbose && u) {
          if (i === 0) stderr += `* Connected to ${u.host} (${ip}) port ${u.port}\n* using HTTP/1.x\n`
          stderr += `> ${o.head ? 'HEAD' : 'GET'} ${g.paths[i]} HTTP/1.1\n> Host: ${u.host}${u.port === (u.scheme === 'https' ? 443 : 80) ? '' : `:${u.port}`}\n> User-Agent: curl/${CURL_VERSION}\n> Accept: */*\n> \n* Request completely sent off\n`
          stderr += `< ${head}\n${(r.headers ?? []).map(([k, v]) => `< ${k}: ${v}\n`).join('')}< \n`
        }
        if (o.failHttp && status >= 400) {
          code = 22
          if (!o.silent || o.showError) stderr += `curl: (22) The requested URL returned error: ${status}\n`
          return
        }
        const body = r.body ?? ''
        if (!o.silent) stderr += METER_HEAD + meterLine(body.length, r.elapsedMs)
        let out = ''
        if (o.include || o.head) out += `${head}\n${(r.headers ?? []).map(([k, v]) => `${k}: ${v}\n`).join('')}\n`
        out += body
        if (o.output !== '/dev/null') stdout += out
        if (o.writeOut) stdout += writeOut(o.writeOut, r, g.url, 0)
      })
      if (o.verbose && t.response.ok) stderr += `* Connection #${connNo} to host ${t.url?.host} left intact\n`
      connNo++
    }
    return { code, stdout, stderr }
  }
}
