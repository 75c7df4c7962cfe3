/**
 * The API documentation page at /api/docs: a small, self-hosted reader of /api/openapi.json. No
 * third-party script or CDN (a victim's browser should talk to nobody else), and the content is put
 * in the page with textContent only.
 */

export const docsHtml = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Aman API</title>
<link rel="stylesheet" href="/api/docs/docs.css">
</head>
<body>
<header><h1>Aman API</h1><p id="intro">Loading <a href="/api/openapi.json">/api/openapi.json</a>…</p></header>
<nav id="toc" aria-label="Operations"></nav>
<main id="operations"></main>
<section id="schemas" aria-label="Schemas"></section>
<script src="/api/docs/docs.js"></script>
</body>
</html>
`;

export const docsCss = `
body { font: 15px/1.5 system-ui, sans-serif; margin: 0 auto; max-width: 960px; padding: 1rem; color: #1b1b1b; }
h1 { margin-bottom: 0.2rem; }
nav ul { list-style: none; padding-left: 0; columns: 2; }
.op { border: 1px solid #ddd; border-radius: 6px; padding: 0.8rem 1rem; margin: 1rem 0; }
.method { display: inline-block; min-width: 4.5em; font-weight: 700; font-family: ui-monospace, monospace; }
.path { font-family: ui-monospace, monospace; }
.auth { color: #555; font-size: 0.9em; }
pre { background: #f6f8fa; padding: 0.6rem; overflow-x: auto; border-radius: 4px; font-size: 0.85em; }
table { border-collapse: collapse; width: 100%; }
td, th { border-top: 1px solid #eee; padding: 0.25rem 0.5rem; text-align: left; vertical-align: top; }
code { font-family: ui-monospace, monospace; }
`;

export const docsJs = `'use strict';
(async function () {
  const el = (tag, text, className) => {
    const node = document.createElement(tag);
    if (text !== undefined) node.textContent = text;
    if (className !== undefined) node.className = className;
    return node;
  };
  const response = await fetch('/api/openapi.json');
  const doc = await response.json();
  const intro = document.getElementById('intro');
  intro.textContent = doc.info.description + ' ';
  const raw = el('a', 'OpenAPI 3.1 document');
  raw.href = '/api/openapi.json';
  intro.append(raw);

  const toc = el('ul');
  document.getElementById('toc').append(toc);
  const main = document.getElementById('operations');
  for (const [path, operations] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(operations)) {
      const id = 'op-' + op.operationId;
      const link = el('a', method.toUpperCase() + ' ' + path);
      link.href = '#' + id;
      const item = el('li');
      item.append(link);
      toc.append(item);

      const section = el('section', undefined, 'op');
      section.id = id;
      const title = el('h2');
      title.append(el('span', method.toUpperCase(), 'method'), el('span', path, 'path'));
      section.append(title, el('p', op.summary));
      if (op.description) section.append(el('p', op.description));
      const security = (op.security || []).map((entry) => {
        const [scheme, scopes] = Object.entries(entry)[0];
        if (scheme === 'platformKey') return 'Authorization: Bearer <apiKey>, scope ' + scopes.join(', ');
        if (scheme === 'staffSession') return 'staff session (cookie), roles ' + scopes.join(', ');
        return 'X-Case-Pin header';
      });
      section.append(el('p', 'Auth: ' + (security.length ? security.join('; ') : 'none'), 'auth'));
      if (op.parameters) {
        const table = el('table');
        for (const p of op.parameters) {
          const row = el('tr');
          row.append(el('td', p.name), el('td', p.in), el('td', JSON.stringify(p.schema)));
          table.append(row);
        }
        section.append(el('h3', 'Parameters'), table);
      }
      if (op.requestBody) {
        // JSON bodies name a schema; evidence items are bytes (application/octet-stream).
        const [type, media] = Object.entries(op.requestBody.content)[0];
        section.append(el('h3', 'Body'), media.schema.$ref ? schemaLink(media.schema.$ref) : el('code', type));
      }
      section.append(el('h3', 'Responses'));
      const table = el('table');
      for (const [status, answer] of Object.entries(op.responses)) {
        const row = el('tr');
        const [type, media] = Object.entries(answer.content || {})[0] || [];
        const cell = el('td');
        if (media && media.schema.$ref) cell.append(schemaLink(media.schema.$ref));
        else if (type) cell.append(el('code', type));
        const description = el('td');
        for (const line of answer.description.split('\\n\\n')) description.append(el('div', line));
        row.append(el('td', status), description, cell);
        table.append(row);
      }
      section.append(table);
      main.append(section);
    }
  }

  const schemas = document.getElementById('schemas');
  schemas.append(el('h2', 'Schemas'));
  for (const [name, schema] of Object.entries(doc.components.schemas)) {
    const block = el('div');
    block.id = 'schema-' + name;
    block.append(el('h3', name), el('pre', JSON.stringify(schema, null, 2)));
    schemas.append(block);
  }

  function schemaLink(ref) {
    const name = ref.split('/').pop();
    const link = el('a', name);
    link.href = '#schema-' + name;
    return link;
  }
})();
`;
