import { sha256 } from '@noble/hashes/sha2.js'
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js'

/**
 * SHA-256 of the stored state in canonical form (keys sorted), for determinism checks and
 * replay verification: equal hashes ⇔ identical clusters.
 */
export function stateHash(dump: { rev: number; entries: [string, { value: unknown }][] }, time: number): string {
  const entries = [...dump.entries].sort((a, b) => (a[0] < b[0] ? -1 : 1))
  const text = `${dump.rev}|${time}|` + entries.map(([k, e]) => `${k}=${JSON.stringify(e.value)}`).join(';')
  return bytesToHex(sha256(utf8ToBytes(text)))
}
