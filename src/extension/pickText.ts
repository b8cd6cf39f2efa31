// Workspace text shown in Quick Picks, which are not HTML or Markdown but
// still give `$(name)` a meaning.

/**
 * Workspace text as literal text in a Quick Pick, whose label and
 * description draw `$(name)` as an icon: a backslash keeps it as typed (what
 * VS Code's own escapeIcons does), so `$(sync).run` shows no icon.
 */
export function literalIcons(text: string): string {
  return text.replace(/(\\)?\$\(/g, (match: string, escaped: string | undefined) => (escaped ? match : '\\$('));
}
