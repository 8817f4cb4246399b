/**
 * The part of curl's URL handling the playground needs: `http://host[:port][/path]`,
 * `https://…`, and a bare `host[:port][/path]` (curl guesses http). Errors are curl's own
 * (exit code and text).
 *
 * @example
 *   parseUrl('web:8080/clientip')  // { scheme: 'http', host: 'web', port: 8080, path: '/clientip' }
 */
export interface ParsedUrl {
  scheme: 'http' | 'https'
  host: string
  port: number
  path: string
  /** The host as curl prints it in messages (`Failed to connect to <host> port …`). */
  display: string
}

export type UrlError = { code: number; message: string }

export function parseUrl(raw: string): ParsedUrl | UrlError {
  let rest = raw.trim()
  let scheme = 'http'
  const m = /^([a-zA-Z][a-zA-Z0-9+.-]*):\/\//.exec(rest)
  if (m) {
    scheme = m[1].toLowerCase()
    rest = rest.slice(m[0].length)
  }
  if (scheme !== 'http' && scheme !== 'https') return { code: 1, message: `Protocol "${scheme}" not supported` }
  const slash = rest.search(/[/?#]/)
  const authority = slash < 0 ? rest : rest.slice(0, slash)
  let path = slash < 0 ? '/' : rest.slice(slash)
  if (!path.startsWith('/')) path = '/' + path
  const at = authority.lastIndexOf('@')
  const hostPort = at >= 0 ? authority.slice(at + 1) : authority
  const pm = /^(\[[^\]]+\]|[^:]*)(?::(\d*))?$/.exec(hostPort)
  if (!pm || !pm[1]) return { code: 3, message: 'URL rejected: No host part in the URL' }
  const host = pm[1].toLowerCase()
  if (!/^[a-z0-9.\-_[\]:]+$/.test(host)) return { code: 3, message: 'URL rejected: Bad hostname' }
  const port = pm[2] ? Number(pm[2]) : scheme === 'https' ? 443 : 80
  if (!Number.isInteger(port) || port < 1 || port > 65535) return { code: 3, message: 'URL rejected: Port number was not a decimal number between 0 and 65535' }
  return { scheme: scheme as 'http' | 'https', host, port, path, display: host }
}

export function isUrlError(u: ParsedUrl | UrlError): u is UrlError {
  return 'code' in u
}
