// The map page's HTML, built by the extension host (no vscode import here, so
// tests and the render benchmark build the same page). Only the host's own
// values go into it (CSP source, nonce, resource URIs), and even those are
// escaped: workspace data never reaches HTML, the script fills the page with
// textContent only.

export interface MapHtmlOptions {
  /** webview.cspSource. */
  readonly cspSource: string;
  /** A fresh random nonce per page load (letters and digits, base64 allowed). */
  readonly nonce: string;
  /** asWebviewUri of dist/webview.js. */
  readonly scriptUri: string;
  /** asWebviewUri of media/map.css. */
  readonly styleUri: string;
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' };

function escapeAttr(s: string): string {
  return s.replace(/[&<>"]/g, (c) => ESCAPES[c]);
}

export function renderMapHtml(opts: MapHtmlOptions): string {
  // A nonce that is not plain base64 would break the CSP header or the attribute.
  if (!/^[A-Za-z0-9+/=_-]{16,256}$/.test(opts.nonce)) throw new Error('renderMapHtml: the nonce must be 16+ base64 characters');
  const csp = [
    "default-src 'none'",
    `img-src ${opts.cspSource} data:`,
    `style-src ${opts.cspSource}`,
    `script-src 'nonce-${opts.nonce}'`,
    `font-src ${opts.cspSource}`,
  ].join('; ');
  const nonce = escapeAttr(opts.nonce);
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${escapeAttr(csp)}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${escapeAttr(opts.styleUri)}">
<title>Latent Map</title>
</head>
<body data-vscode-context='{"preventDefaultContextMenuItems": true}'>
<div id="app">
  <div class="toolbar" role="toolbar" aria-label="Map tools">
    <div class="search">
      <input id="search" type="search" placeholder="Search by meaning" autocomplete="off" spellcheck="false"
        role="combobox" aria-label="Search symbols by meaning (press / to focus)" aria-autocomplete="list"
        aria-expanded="false" aria-controls="results">
    </div>
    <label class="colour-by" for="colour-by">Colour by
      <select id="colour-by" aria-label="Colour points by">
        <option value="folder">Folder</option>
        <option value="kind">Kind</option>
        <option value="cluster">Cluster</option>
      </select>
    </label>
    <select id="folder-depth" aria-label="Folder depth for colours" title="How deep a folder counts for colouring">
      <option value="0">Depth: auto</option>
      <option value="1">Depth 1</option>
      <option value="2">Depth 2</option>
      <option value="3">Depth 3</option>
      <option value="4">Depth 4</option>
    </select>
    <select id="kind-filter" aria-label="Show only symbols of one kind" title="Show only symbols of one kind">
      <option value="">All kinds</option>
    </select>
    <button id="axes" type="button" aria-controls="axes-bar" aria-expanded="false" title="Lay the points out along directions of meaning (read → write, sync → async)">Axes</button>
    <button id="fit" type="button" title="Fit to view (0)" aria-label="Fit the whole map in view">Fit</button>
    <button id="png" type="button" title="Save the view as a PNG picture" aria-label="Save the view as a PNG picture">PNG</button>
    <button id="help" type="button" title="Keys and mouse (?)" aria-label="Show keys and mouse actions">?</button>
    <button id="panel-toggle" type="button" aria-controls="panel" aria-expanded="true" title="Show or hide the side panel">Panel</button>
  </div>
  <form id="axes-bar" class="axes-bar" aria-label="Axes" hidden>
    <span class="axis-name">x</span>
    <input id="axis-x-from" type="text" placeholder="from, e.g. read" aria-label="x axis: from (a word or a symbol name)" autocomplete="off" spellcheck="false">
    <span aria-hidden="true">→</span>
    <input id="axis-x-to" type="text" placeholder="to, e.g. write" aria-label="x axis: to (a word or a symbol name)" autocomplete="off" spellcheck="false">
    <span class="axis-name">y</span>
    <input id="axis-y-from" type="text" placeholder="the map's y" aria-label="y axis: from (empty keeps the map's y)" autocomplete="off" spellcheck="false">
    <span aria-hidden="true">→</span>
    <input id="axis-y-to" type="text" placeholder="the map's y" aria-label="y axis: to (empty keeps the map's y)" autocomplete="off" spellcheck="false">
    <select id="axis-directions" aria-label="Directions found in this code">
      <option value="">Directions in this code…</option>
    </select>
    <button id="axes-apply" type="submit">Show</button>
    <button id="axes-back" type="button" disabled>Back to Map</button>
    <span id="axes-message" class="muted" role="status" aria-live="polite"></span>
  </form>
  <div id="main">
    <div id="stage" tabindex="0" role="application"
      aria-label="Symbol map. Arrow keys pan, plus and minus zoom, 0 fits the map, Escape clears the selection, shift-drag selects an area, ? lists the keys.">
      <canvas id="canvas" aria-hidden="true"></canvas>
      <canvas id="overlay" aria-hidden="true"></canvas>
      <canvas id="lasso" aria-hidden="true"></canvas>
      <div id="labels" aria-hidden="true"></div>
      <div id="axis-labels" hidden>
        <span id="axis-x-from-label" class="axis-label axis-left"></span>
        <span id="axis-x-to-label" class="axis-label axis-right"></span>
        <span id="axis-y-to-label" class="axis-label axis-top"></span>
        <span id="axis-y-from-label" class="axis-label axis-bottom"></span>
      </div>
      <div id="tooltip" role="tooltip" hidden></div>
      <div id="empty" class="empty" hidden></div>
      <div id="legend" role="group" aria-label="Legend"></div>
      <ul id="menu" role="menu" aria-label="Symbol actions" hidden></ul>
      <div id="keys" role="dialog" aria-label="Keys and mouse" hidden></div>
    </div>
    <aside id="panel" aria-label="Details">
      <ul id="results" role="listbox" aria-label="Search results" hidden></ul>
      <section id="details" aria-label="Selected symbol" hidden></section>
      <section id="selection" aria-label="Selected area" hidden></section>
      <p id="panel-hint" class="muted">Click a point to see it here, search to list matches, or shift-drag to select an area.</p>
    </aside>
  </div>
  <div class="statusbar">
    <span id="status" role="status" aria-live="polite"></span>
    <span id="summary"></span>
  </div>
</div>
<script nonce="${nonce}" src="${escapeAttr(opts.scriptUri)}"></script>
</body>
</html>
`;
}
