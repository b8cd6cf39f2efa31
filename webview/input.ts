// The user's input: pointer and keys on the map, the search box, the
// colouring menu and Fit, the theme and the view's size.
import type { Context } from './context';
import { readTheme, watchTheme } from './theme';

export function wireInput(ctx: Context): void {
  const { els, state: s, view, pointer, search, colours, drawing, host } = ctx;
  const { stage, searchInput, colourSelect, fitButton, renderer } = els;

  stage.addEventListener('pointermove', (e) => {
    const r = stage.getBoundingClientRect();
    // Dragging pans; no hover work.
    pointer.onMove(e.clientX - r.left, e.clientY - r.top, e.buttons !== 0);
  });
  stage.addEventListener('pointerleave', () => pointer.onLeave());
  stage.addEventListener('click', (e) => {
    const r = stage.getBoundingClientRect();
    const i = pointer.hitTest(e.clientX - r.left, e.clientY - r.top);
    if (i >= 0) pointer.select(i, true);
    else if (s.selected >= 0) pointer.select(-1, false);
  });
  // Double-click zooms (d3-zoom), unless it lands on a point: that click opened it.
  view.behaviour.filter((e: Event) => {
    if (e.type === 'dblclick') {
      const me = e as MouseEvent;
      const r = stage.getBoundingClientRect();
      if (pointer.hitTest(me.clientX - r.left, me.clientY - r.top) >= 0) return false;
    }
    const m = e as MouseEvent;
    return (!m.ctrlKey || e.type === 'wheel') && !m.button;
  });

  stage.addEventListener('keydown', (e) => {
    const pan = 80;
    switch (e.key) {
      case '+':
      case '=':
        view.zoomBy(1.5);
        break;
      case '-':
      case '_':
        view.zoomBy(1 / 1.5);
        break;
      case 'ArrowLeft':
        view.panBy(pan, 0);
        break;
      case 'ArrowRight':
        view.panBy(-pan, 0);
        break;
      case 'ArrowUp':
        view.panBy(0, pan);
        break;
      case 'ArrowDown':
        view.panBy(0, -pan);
        break;
      case '0':
        view.fitAll(true);
        break;
      case 'Enter':
        if (s.selected >= 0) host.post({ type: 'open', id: ctx.model.symbols[s.selected].id });
        break;
      case 'Escape':
        if (s.selected >= 0) pointer.select(-1, false);
        else if (s.legendSlot !== null) colours.toggleLegendSlot(s.legendSlot);
        else if (s.highlight) search.clear(true);
        break;
      default:
        return;
    }
    e.preventDefault();
  });

  document.addEventListener('keydown', (e) => {
    const inField = e.target instanceof HTMLInputElement || e.target instanceof HTMLSelectElement;
    if ((e.key === '/' && !inField) || ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 'f')) {
      e.preventDefault();
      searchInput.focus();
      searchInput.select();
    }
  });

  searchInput.addEventListener('input', () => search.typed());
  searchInput.addEventListener('keydown', (e) => {
    switch (e.key) {
      case 'ArrowDown':
        search.moveActive(1);
        break;
      case 'ArrowUp':
        search.moveActive(-1);
        break;
      case 'Enter':
        if (s.searchResults.length > 0) search.openResult(Math.max(0, s.activeResult));
        else search.run(true);
        break;
      case 'Escape':
        if (searchInput.value === '' && !s.highlight) stage.focus();
        search.clear(true);
        break;
      default:
        return;
    }
    e.preventDefault();
  });

  colourSelect.value = s.colourBy;
  colourSelect.addEventListener('change', () => {
    const v = colourSelect.value;
    if (v !== 'folder' && v !== 'kind' && v !== 'cluster') return;
    s.colourBy = v;
    host.post({ type: 'colourBy', value: v });
    colours.recolour();
    ctx.saveStateSoon();
  });

  fitButton.addEventListener('click', () => view.fitAll(true));

  watchTheme(() => {
    s.theme = readTheme();
    colours.updatePalette();
    drawing.forgetMeasures();
    colours.showLegend();
    drawing.requestRender();
  });

  const resize = (): void => {
    const r = stage.getBoundingClientRect();
    renderer.resize(r.width, r.height, window.devicePixelRatio || 1);
    drawing.measureLegend();
    view.updateScaleExtent();
    if (s.fitWhenSized && r.width > 0 && r.height > 0) {
      s.fitWhenSized = false;
      view.fitAll(false);
    }
    drawing.requestRender();
  };
  new ResizeObserver(resize).observe(stage);
  resize();
}
