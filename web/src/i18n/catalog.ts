import type { Locale } from './locale.ts';

/** One feature's messages in every language, all with exactly the same keys and signatures. */
export type Catalog<M> = Readonly<Record<Locale, M>>;

/**
 * Declares a feature's messages. The English object defines the shape: strings, functions of their
 * parameters for anything with numbers or names in it (plurals and formatting happen there, with
 * Intl, in the message's own language), or nested groups of those. French and Arabic must have
 * every key with the same parameters and no other key: a missing or extra translation is a type
 * error, not a blank on a frightened person's screen.
 *
 * @example
 * const messages = defineCatalog({
 *   en: { title: 'Hello', files: (n: number) => `${n} files` },
 *   fr: { title: 'Bonjour', files: (n: number) => `${n} fichiers` },
 *   ar: { title: 'مرحبا', files: (n: number) => `${n} ملفات` },
 * });
 */
export function defineCatalog<M extends object>(catalog: {
  en: M;
  fr: NoInfer<M>;
  ar: NoInfer<M>;
}): Catalog<M> {
  return catalog;
}
