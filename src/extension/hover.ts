// The editor hover: on a word that names an indexed symbol, the symbols
// similar to it, the very list (same ranking, same scores) that Find Similar,
// the map's tooltip and the CLI's `similar` give for that symbol (issue 17:
// a term search here disagreed with all of them). On any other word, the
// symbols nearest to it, ranked the way search ranks a description (words
// and meaning together, issue 6). It never builds an index (a hover must be instant and must not start work
// the user did not ask for); until the map has been built it shows nothing.
import * as vscode from 'vscode';

import type { IndexService } from './indexService';
import { isHoverableWord } from './languages';
import { OPEN_SYMBOL_COMMAND, hoverMarkdown, similarHoverMarkdown } from './markdown';
import { relativeToIndex } from './navigation';

/** Symbols listed in a hover (issue 3: top 5). */
const HOVER_RESULTS = 5;
/** Symbols a word may name at once (overloads, the same name in several files) that are left out of its hover. */
const NAMESAKES = 5;

export class NeighboursHoverProvider implements vscode.HoverProvider {
  constructor(private readonly service: IndexService) {}

  async provideHover(
    document: vscode.TextDocument,
    position: vscode.Position,
    token: vscode.CancellationToken,
  ): Promise<vscode.Hover | undefined> {
    const index = this.service.index;
    if (!index) return undefined;
    const relative = relativeToIndex(this.service, document.uri);
    if (relative === undefined) return undefined;
    const range = document.getWordRangeAtPosition(position);
    if (!range) return undefined;
    const word = document.getText(range);
    if (!isHoverableWord(word)) return undefined;
    // Case counts here (`Options` the class, `options` a variable); symbolNamed would forgive it.
    const found = index.symbolNamed(word, { file: relative, line: position.line + 1 });
    const named = found?.name === word ? found : undefined;
    let markdown: vscode.MarkdownString;
    if (named) {
      const results = await index.similar(named.id, HOVER_RESULTS);
      if (token.isCancellationRequested || results.length === 0) return undefined;
      markdown = new vscode.MarkdownString(similarHoverMarkdown(named, results));
    } else {
      // More than shown, so that the symbols the word names can be left out: a
      // query that spells a name puts that symbol first, and a symbol is not
      // its own neighbour (nor are its namesakes and overloads).
      const near = await index.search(word, HOVER_RESULTS + NAMESAKES);
      if (token.isCancellationRequested) return undefined;
      const results = near.filter((r) => r.name !== word).slice(0, HOVER_RESULTS);
      if (results.length === 0) return undefined;
      markdown = new vscode.MarkdownString(hoverMarkdown(word, results));
    }
    // Trusted only for our own command, so the links work and nothing else can run.
    markdown.isTrusted = { enabledCommands: [OPEN_SYMBOL_COMMAND] };
    markdown.supportHtml = false;
    markdown.supportThemeIcons = false;
    return new vscode.Hover(markdown, range);
  }
}
