// The editor hover: the symbols nearest in meaning to the word under the mouse.
// It never builds an index (a hover must be instant and must not start work
// the user did not ask for); until the map has been built it shows nothing.
import * as vscode from 'vscode';

import type { IndexService } from './indexService';
import { isHoverableWord } from './languages';
import { OPEN_SYMBOL_COMMAND, hoverMarkdown } from './markdown';
import { relativeToIndex } from './navigation';

/** Symbols listed in a hover (issue 3: top 5). */
const HOVER_RESULTS = 5;

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
    // One more than shown, so the symbol declared right here can be left out:
    // on its own name, the nearest symbol is always itself.
    const found = await index.neighbours(word, HOVER_RESULTS + 1);
    if (token.isCancellationRequested) return undefined;
    const line = position.line + 1;
    const results = found
      .filter((r) => !(r.file === relative && r.line === line && r.name === word))
      .slice(0, HOVER_RESULTS);
    if (results.length === 0) return undefined;
    const markdown = new vscode.MarkdownString(hoverMarkdown(word, results));
    // Trusted only for our own command, so the links work and nothing else can run.
    markdown.isTrusted = { enabledCommands: [OPEN_SYMBOL_COMMAND] };
    markdown.supportHtml = false;
    markdown.supportThemeIcons = false;
    return new vscode.Hover(markdown, range);
  }
}
