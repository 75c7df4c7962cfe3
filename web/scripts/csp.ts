/**
 * The portal's Content-Security-Policy, written into dist/index.html as a <meta> tag by the build
 * (so it holds wherever the files are served; a server may send it as a header too, with
 * `frame-ancestors 'none'` added). Everything comes from this origin: no CDN, font service or
 * analytics. The only inline code is the boot script and the stylesheet of the first screen,
 * allowed by their SHA-256. `blob:` is for the files being hashed and for the PDF and text files the
 * person saves; `wasm-unsafe-eval` lets the evidence key derivation (argon2id) use WebAssembly,
 * never `eval`.
 */
export function contentSecurityPolicy(inline: { scripts: string[]; styles: string[] }): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'wasm-unsafe-eval' ${inline.scripts.join(' ')}`.trim(),
    `style-src 'self' ${inline.styles.join(' ')}`.trim(),
    "img-src 'self' blob: data:",
    "media-src 'self' blob:",
    "font-src 'self'",
    "worker-src 'self' blob:",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
  ].join('; ');
}
