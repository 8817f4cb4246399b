import { utcDate } from '../../clock'
import type { ExchangeResult } from './connection'
import type { ParsedUrl } from './url'
import { PLAIN_HTTP_TO_TLS } from './sockets'

/**
 * What the client gets once its connection reached a server, as HTTP: a pod's container
 * answers through the kubelet's process model (`kubelet/container-process.ts`: the pod's name,
 * like agnhost `serve-hostname`, so load balancing is visible; agnhost `netexec /clientip`: the
 * client address it saw, so source-IP preservation is visible), the node and control-plane
 * daemons with their own answers, and TLS mismatches fail the way curl reports them.
 */

/** The curl the playground's images ship (`curl --version`, the User-Agent). */
export const CURL_VERSION = '8.11.1'

export interface HttpResult {
  status?: number
  headers?: [string, string][]
  body?: string
  /** curl's exit code and message when the exchange did not yield an HTTP response. */
  error?: { code: number; message: string }
}

/** Go's http.TimeFormat: `Mon, 02 Jan 2006 15:04:05 GMT`. */
export function httpDate(epochMs: number): string {
  return utcDate(epochMs).toUTCString()
}

export function httpAnswer(ex: ExchangeResult, url: ParsedUrl, opts: { insecure: boolean; head: boolean; dateMs: number; userAgentVersion: string }): HttpResult {
  const served = ex.served
  if (!served) return { error: { code: 52, message: 'Empty reply from server' } }
  const tls = served.kind === 'host' && served.listener.tls
  if (url.scheme === 'https' && !tls)
    return { error: { code: 35, message: 'OpenSSL/3.3.2: error:0A00010B:SSL routines::wrong version number' } }
  if (url.scheme === 'https' && !opts.insecure)
    return { error: { code: 60, message: 'SSL certificate problem: unable to get local issuer certificate' } }
  let status: number
  let headers: [string, string][]
  let body: string
  if (served.kind === 'pod') {
    const l = served.listener
    if (!l.http) return { error: { code: 52, message: 'Empty reply from server' } }
    const path = url.path.split('?')[0]
    // The container answers (and logs the request with the client address it saw).
    const a = l.answer(path, ex.seen?.ip ?? '', `curl/${opts.userAgentVersion}`)
    if (!a) return { error: { code: 52, message: 'Empty reply from server' } }
    status = a.status
    // agnhost `netexec` answers /clientip with the peer address it saw: source-IP preservation made visible.
    body = path === '/clientip' && /agnhost$/.test(l.container.facts.ref.repository) ? `${ex.seen?.ip}:${ex.seen?.port}\n` : a.body
    headers = [['Date', httpDate(opts.dateMs)], ['Content-Length', String(body.length)], ['Content-Type', 'text/plain; charset=utf-8']]
  } else {
    const a = tls && url.scheme === 'http' ? PLAIN_HTTP_TO_TLS : served.listener.answer(url.path.split('?')[0])
    status = a.status
    body = a.body
    headers = [...a.headers, ['Date', httpDate(opts.dateMs)], ['Content-Length', String(a.body.length)]]
  }
  return { status, headers, body: opts.head ? '' : body }
}

/** The reason phrase net/http writes after the status code. */
export function statusText(code: number): string {
  return ({ 200: 'OK', 400: 'Bad Request', 401: 'Unauthorized', 403: 'Forbidden', 404: 'Not Found', 503: 'Service Unavailable' } as Record<number, string>)[code] ?? ''
}
