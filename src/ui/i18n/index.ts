/**
 * The i18n layer: `useT()` gives a `t(key, vars)` bound to the current language, and
 * re-renders its caller only when the language changes.
 *
 * @example
 *   const t = useT()
 *   <button>{t('toolbar.play')}</button>
 *   t('node.pods', { n: 3 })  // "3 pods" / "3 个 Pod"
 */
import { useCallback } from 'react'
import { useStore } from '../store'
import { en, type MessageKey } from './en'
import { zh } from './zh'

import type { Language } from './languages'

export { LANGUAGES, initialLanguage, type Language } from './languages'
export type { MessageKey }
export type TFunction = (key: MessageKey, vars?: Record<string, string | number>) => string

const TABLES: Record<Language, Record<MessageKey, string>> = { en, zh }

/** Translate outside React (tests, document title). */
export function translate(lang: Language, key: MessageKey, vars?: Record<string, string | number>): string {
  const text = TABLES[lang][key] ?? en[key] ?? key
  return vars ? text.replace(/\{(\w+)\}/g, (m, name: string) => (name in vars ? String(vars[name]) : m)) : text
}

export function useT(): TFunction {
  const lang = useStore((s) => s.language)
  return useCallback<TFunction>((key, vars) => translate(lang, key, vars), [lang])
}
