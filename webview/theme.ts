// Canvas colours come from the VS Code theme's CSS variables, read from the
// computed style (a canvas cannot use var()). VS Code swaps the body class
// (vscode-light / vscode-dark / vscode-high-contrast[-light]) and the
// variables when the theme changes; watchTheme re-reads them then.
import { color, interpolateRgb } from 'd3';
import type { ThemeKind } from './colour';

export interface Theme {
  readonly kind: ThemeKind;
  readonly background: string;
  readonly foreground: string;
  readonly focus: string;
  /** Colour of "other" points: between background and foreground. */
  readonly other: string;
  readonly fontFamily: string;
}

function cssVar(style: CSSStyleDeclaration, name: string, fallback: string): string {
  const v = style.getPropertyValue(name).trim();
  // Only accept what parses as a colour, so an odd theme value cannot break the canvas.
  return v && color(v) ? v : fallback;
}

function themeKind(body: HTMLElement, background: string): ThemeKind {
  const cl = body.classList;
  if (cl.contains('vscode-high-contrast-light')) return 'high-contrast-light';
  if (cl.contains('vscode-high-contrast')) return 'high-contrast';
  if (cl.contains('vscode-light')) return 'light';
  if (cl.contains('vscode-dark')) return 'dark';
  // No class (dev harness, older hosts): judge by the background.
  const c = color(background)?.rgb();
  const lum = c ? (0.2126 * c.r + 0.7152 * c.g + 0.0722 * c.b) / 255 : 0;
  return lum > 0.5 ? 'light' : 'dark';
}

export function readTheme(): Theme {
  const body = document.body;
  const style = getComputedStyle(body);
  const background = cssVar(style, '--vscode-editor-background', '#1e1e1e');
  const kind = themeKind(body, background);
  const light = kind === 'light' || kind === 'high-contrast-light';
  const foreground = cssVar(style, '--vscode-editor-foreground', cssVar(style, '--vscode-foreground', light ? '#333333' : '#cccccc'));
  const focus = cssVar(style, '--vscode-focusBorder', light ? '#0090f1' : '#007fd4');
  // 35 % of the way to the foreground: visible, but quieter than any palette colour.
  const other = interpolateRgb(background, foreground)(kind.startsWith('high') ? 0.55 : 0.35);
  const fontFamily = style.getPropertyValue('--vscode-font-family').trim() || 'system-ui, sans-serif';
  return { kind, background, foreground, focus, other, fontFamily };
}

/** Calls `onChange` when VS Code switches theme (body class or style changes). */
export function watchTheme(onChange: () => void): () => void {
  const observer = new MutationObserver(() => onChange());
  observer.observe(document.body, { attributes: true, attributeFilter: ['class', 'style'] });
  observer.observe(document.documentElement, { attributes: true, attributeFilter: ['style'] });
  return () => observer.disconnect();
}
