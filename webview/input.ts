// The user's input: pointer and keys on the map, the search box, the
// colouring menu and Fit, the theme and the view's size.
import type { Context } from './context';
import { byId as byIdIn } from './dom';
import { readTheme, watchTheme } from './theme';

export function wireInput(ctx: Context): void {
  const { els, state: s, view, pointer, search, colours, drawing, host, tools } = ctx;
  const { stage, searchInput, colourSelect, fitButton, renderer } = els;
  const at = (e: MouseEvent): [number, number] => {
    const r = stage.getBoundingClientRect();
    return [e.clientX - r.left, e.clientY - r.top];
  };

  // Shift-drag draws a lasso (d3-zoom leaves shift-presses alone, below).
  let lassoEnded = false;
  stage.addEventListener('pointerdown', (e) => {
    if (!e.shiftKey || e.button !== 0) return;
    stage.setPointerCapture(e.pointerId);
    tools.startLasso(...at(e));
    e.preventDefault();
  });
  stage.addEventListener('pointermove', (e) => {
    if (tools.lassoing) {
      tools.moveLasso(...at(e));
      return;
    }
    // Dragging pans; no hover work.
    const [x, y] = at(e);
    pointer.onMove(x, y, e.buttons !== 0);
  });
  stage.addEventListener('pointerup', () => {
    if (!tools.lassoing) return;
    tools.endLasso();
    lassoEnded = true;
  });
  stage.addEventListener('pointerleave', () => pointer.onLeave());
  stage.addEventListener('click', (e) => {
    // The click that ends a lasso selects nothing.
    if (lassoEnded) {
      lassoEnded = false;
      return;
    }
    if (tools.menuOpen) {
      tools.closeMenu();
      return;
    }
    const i = pointer.hitTest(...at(e));
    if (i >= 0) pointer.select(i, true);
    else if (s.selected >= 0) pointer.select(-1, false);
  });
  // A point's own menu instead of the webview's Cut/Copy/Paste.
  stage.addEventListener('contextmenu', (e) => {
    e.preventDefault();
    tools.openMenu(...at(e));
  });
  document.addEventListener('pointerdown', (e) => {
    if (tools.menuOpen && !els.menu.contains(e.target as Node)) tools.closeMenu();
  });
  // Double-click zooms (d3-zoom), unless it lands on a point: that click opened it.
  view.behaviour.filter((e: Event) => {
    if (e.type === 'dblclick') {
      const me = e as MouseEvent;
      const r = stage.getBoundingClientRect();
      if (pointer.hitTest(me.clientX - r.left, me.clientY - r.top) >= 0) return false;
    }
    const m = e as MouseEvent;
    if (m.shiftKey && e.type !== 'wheel') return false;
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
      case '?':
        tools.toggleKeys();
        break;
      case 'Escape':
        if (tools.menuOpen) tools.closeMenu();
        else if (tools.keysOpen) tools.toggleKeys(false);
        else if (s.selected >= 0) pointer.select(-1, false);
        else if (s.area.length > 0) pointer.setArea([]);
        else if (s.legendSlots.size > 0) colours.clearLegend();
        else if (s.highlight) search.clear(true);
        break;
      default:
        return;
    }
    e.preventDefault();
  });

  document.addEventListener('keydown', (e) => {
    const inField = e.target instanceof HTMLInputElement || e.target instanceof HTMLSelectElement;
    if (e.key === 'Escape' && (tools.menuOpen || tools.keysOpen)) {
      tools.closeMenu();
      if (tools.keysOpen) tools.toggleKeys(false);
      e.preventDefault();
      return;
    }
    if (e.key === '?' && !inField && e.target !== stage) {
      tools.toggleKeys();
      e.preventDefault();
      return;
    }
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
  byIdIn('png').addEventListener('click', () => tools.savePng());
  byIdIn('help').addEventListener('click', () => tools.toggleKeys());
  byIdIn('panel-toggle').addEventListener('click', () => ctx.setPanelVisible(!els.panel.visible));
  els.folderDepth.hidden = s.colourBy !== 'folder';
  els.kindFilter.addEventListener('change', () => {
    s.kindFilter = els.kindFilter.value;
    colours.regroup();
  });
  els.folderDepth.addEventListener('change', () => {
    s.folderDepth = Number(els.folderDepth.value) || 0;
    colours.recolour();
  });

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
    // An editor opening beside the map narrows it: the selection stays in view.
    if (s.selected >= 0) pointer.keepInView(s.selected);
    drawing.requestRender();
  };
  new ResizeObserver(resize).observe(stage);
  resize();
}
