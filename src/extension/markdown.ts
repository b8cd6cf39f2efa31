// Markdown for the editor hover. Names, files and comments come from the
// workspace, which is untrusted data, while the hover is a *trusted*
// MarkdownString (it must be, for its command links to work). So every piece of
// workspace text is escaped here, and the only links are to our own command
// with a JSON argument we encode ourselves.
import { qualifiedName, type RankedSymbol } from '../core/types';

/** The command that opens a symbol by id; the host resolves the id against its own index. */
export const OPEN_SYMBOL_COMMAND = 'latentMap.openSymbol';

// Every character with a meaning in CommonMark inline or block syntax, plus the
// ones VS Code's renderer treats specially (`$` for theme icons, `|` tables).
const MARKDOWN_SPECIAL = /[\\`*_{}[\]()#+\-.!|<>~&$:"']/g;

/** Workspace text made inert: markup characters escaped, control and layout characters dropped. */
export function escapeMarkdown(text: string, maxLength = 200): string {
  // Line breaks would start new blocks; bidi overrides and zero-width characters
  // could make a name read as something it is not (the "Trojan source" trick).
  const flat = text
    .replace(/[\r\n\t\f\v]+/g, ' ')
    .replace(/[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]/g, '');
  const short = flat.length > maxLength ? `${[...flat].slice(0, maxLength).join('')}…` : flat;
  return short.replace(MARKDOWN_SPECIAL, (c) => `\\${c}`);
}

/**
 * A `command:` URI running OPEN_SYMBOL_COMMAND on one symbol id. Parentheses
 * and the other characters encodeURIComponent leaves alone are encoded too: an
 * id holding `)` would otherwise end the Markdown link early.
 */
export function openSymbolUri(id: string): string {
  const argument = encodeURIComponent(JSON.stringify([id])).replace(
    /[!'()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `command:${OPEN_SYMBOL_COMMAND}?${argument}`;
}

/** The hover body for a term: a heading naming it, then one line per neighbour with its score and place. */
export function hoverMarkdown(term: string, results: readonly RankedSymbol[]): string {
  return [`**Latent Map** · nearest to *${escapeMarkdown(term, 80)}*`, '', ...results.map(resultLine)].join('\n');
}

/** The hover body for a symbol: a heading naming it and where it is (a name may have namesakes), then its similar symbols. */
export function similarHoverMarkdown(symbol: { readonly name: string; readonly container: string; readonly file: string; readonly line: number }, results: readonly RankedSymbol[]): string {
  const heading = `**Latent Map** · similar to *${escapeMarkdown(qualifiedName(symbol, 80), 80)}* · ${escapeMarkdown(symbol.file, 120)}:${symbol.line}`;
  return [heading, '', ...results.map(resultLine)].join('\n');
}

function resultLine(r: RankedSymbol): string {
  const where = `${escapeMarkdown(r.file, 120)}:${r.line}`;
  return `- [${escapeMarkdown(qualifiedName(r, 80), 80)}](${openSymbolUri(r.id)}) \`${r.score.toFixed(2)}\` · ${escapeMarkdown(r.kind)} · ${where}`;
}
