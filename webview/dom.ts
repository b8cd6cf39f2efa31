// The only way this page makes elements: createElement + textContent. Nothing
// from the workspace is ever parsed as HTML (issue 5), and keeping that in one
// helper makes it easy to check.

export function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  className?: string,
  text?: string,
): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  if (className) e.className = className;
  if (text !== undefined) e.textContent = text;
  return e;
}

export function byId<T extends HTMLElement>(id: string): T {
  const e = document.getElementById(id);
  if (!e) throw new Error(`Latent Map: the page has no #${id}`);
  return e as T;
}
