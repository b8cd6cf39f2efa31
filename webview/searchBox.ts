// The search box: asks the host as the user types (one query in flight: a
// newer one cancels the older, on the host too), highlights and frames the
// results, and lists them under the box.
import { Latest, RequestCancelled } from '../src/shared/requests';
import type { SearchResultsMessage } from '../src/shared/protocol';
import type { Context } from './context';
import { boundsOf } from './geometry';

/** Search framing: at most this many times the whole-map zoom, with the results' box grown by this share on each side, so neighbours stay in view. */
const SEARCH_MAX_ZOOM = 4;
const SEARCH_CONTEXT = 0.35;
/** Delay before a typed query is sent: one request per pause, not per key. */
const SEARCH_DEBOUNCE_MS = 200;

export class SearchBox {
  private timer = 0;
  private readonly latest = new Latest();

  constructor(private readonly ctx: Context) {}

  /** The points to highlight for the current results (a copy's representative), or null without a query. */
  highlight(): Set<number> | null {
    const { state: s, model, els } = this.ctx;
    if (s.searchResults.length === 0 || els.searchInput.value.trim() === '') return null;
    const set = new Set<number>();
    for (const r of s.searchResults) {
      const i = model.indexOf(r.id);
      if (i !== undefined) set.add(model.rep[i]);
    }
    return set;
  }

  /** Typing: one query per pause. */
  typed(): void {
    window.clearTimeout(this.timer);
    this.timer = window.setTimeout(() => this.run(true), SEARCH_DEBOUNCE_MS);
  }

  /** Sends the box's query; `frame` moves the view to the results when they come. */
  run(frame: boolean): void {
    const query = this.ctx.els.searchInput.value.trim();
    window.clearTimeout(this.timer);
    this.ctx.saveStateSoon();
    if (query === '') {
      this.clear(false);
      return;
    }
    this.ctx.requests
      .request({ type: 'search', query: query.slice(0, 1000) }, this.latest.next())
      .then((reply) => this.show(reply, frame))
      .catch((error: unknown) => {
        if (!(error instanceof RequestCancelled)) console.warn('Latent Map: search failed', error);
      });
  }

  /** Symbols like the given ones taken together (a lasso selection), listed and highlighted as results. */
  similarTo(ids: readonly string[]): void {
    this.ctx.requests
      .request({ type: 'similarToMany', ids }, this.latest.next())
      .then((reply) => {
        this.ctx.els.searchInput.value = reply.query;
        this.show(reply, true);
      })
      .catch((error: unknown) => {
        if (!(error instanceof RequestCancelled)) console.warn('Latent Map: similar to the selection failed', error);
      });
  }

  private show(m: SearchResultsMessage, frame: boolean): void {
    const { state: s, model, els, view, pointer } = this.ctx;
    s.searchResults = m.results.filter((r) => model.indexOf(r.id) !== undefined);
    s.activeResult = -1;
    // A new search starts afresh: the last click's neighbour lines and the area go.
    if (s.selected >= 0) pointer.select(-1, false);
    if (s.area.length > 0) pointer.setArea([]);
    s.highlight = this.highlight() ?? new Set();
    els.results.show(s.searchResults, m.query);
    if (!els.panel.visible) this.ctx.setPanelVisible(true);
    els.panel.updateHint();
    this.showSummary();
    // Framed with room around, never closer than SEARCH_MAX_ZOOM × the whole map: the results keep their context.
    if (frame && s.highlight.size > 0) view.frame(boundsOf(model.wx, model.wy, s.highlight), true, SEARCH_MAX_ZOOM, SEARCH_CONTEXT);
    this.ctx.drawing.requestRender();
  }

  clear(clearInput: boolean): void {
    const { state: s, els } = this.ctx;
    window.clearTimeout(this.timer);
    this.latest.cancel();
    if (clearInput) els.searchInput.value = '';
    s.searchResults = [];
    s.activeResult = -1;
    els.results.hide();
    this.showSummary();
    s.highlight = s.area.length > 0 ? new Set(s.area) : null;
    els.panel.updateHint();
    this.ctx.drawing.requestRender();
    this.ctx.saveStateSoon();
  }

  moveActive(delta: number): void {
    const { state: s, model, els } = this.ctx;
    if (s.searchResults.length === 0) return;
    s.activeResult = (s.activeResult + delta + s.searchResults.length) % s.searchResults.length;
    els.results.setActive(s.activeResult);
    const i = model.indexOf(s.searchResults[s.activeResult].id);
    if (i !== undefined) this.ctx.pointer.select(i, false, true);
  }

  openResult(index: number): void {
    const { state: s, model, els } = this.ctx;
    const r = s.searchResults[index];
    if (!r) return;
    s.activeResult = index;
    els.results.setActive(index);
    const i = model.indexOf(r.id);
    if (i !== undefined) this.ctx.pointer.select(i, true, true);
  }

  /** "N symbols", with the number of results while there are some. */
  showSummary(): void {
    const { state: s, model, els } = this.ctx;
    const count = model.size > 0 ? `${model.size.toLocaleString('en-US')} symbols` : '';
    const n = s.searchResults.length;
    const matches = n > 0 ? `${n} ${n === 1 ? 'result' : 'results'} · ` : '';
    els.summaryEl.textContent = count && matches + count;
    this.ctx.messages.showEmpty();
  }
}
