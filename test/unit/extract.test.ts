import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import {
  extractSymbols,
  languageForFile,
  MAX_COMMENT_LENGTH,
  MAX_CONTAINER_LENGTH,
  MAX_NAME_LENGTH,
  SUPPORTED_EXTENSIONS,
} from '../../src/core/extract/index';
import { loadLanguage } from '../../src/core/extract/loader';
import { grammarDir } from '../../src/core/paths';
import { CancelledError, type ExtractedSymbol } from '../../src/core/types';

const FIXTURES = path.join(__dirname, '..', 'fixtures', 'extract');

/** One expected symbol: kind, container, name, params, line, endLine, and a comment fragment ('' = none). */
type Expected = readonly [kind: string, container: string, name: string, params: readonly string[], line: number, endLine: number, comment?: string];

async function extractFixture(file: string): Promise<ExtractedSymbol[]> {
  return extractSymbols(file, readFileSync(path.join(FIXTURES, file), 'utf8'));
}

function brief(symbol: ExtractedSymbol): string {
  return `${symbol.kind} ${symbol.container ? `${symbol.container}.` : ''}${symbol.name}(${symbol.params.join(', ')}) ${symbol.line}-${symbol.endLine}`;
}

/** Asserts the file yields exactly these symbols, in order; comments checked where given. */
function assertSymbols(actual: readonly ExtractedSymbol[], expected: readonly Expected[]): void {
  assert.deepEqual(
    actual.map(brief),
    expected.map(([kind, container, name, params, line, endLine]) => brief({ kind, container, name, params, line, endLine } as ExtractedSymbol)),
  );
  expected.forEach(([, , name, , , , comment], i) => {
    if (comment === undefined) return;
    if (comment === '') assert.equal(actual[i]!.comment, '', `${name} has no comment`);
    else assert.ok(actual[i]!.comment.includes(comment), `${name}'s comment ${JSON.stringify(actual[i]!.comment)} includes ${JSON.stringify(comment)}`);
  });
}

describe('languageForFile', () => {
  it('maps every supported extension to a language, case-insensitively', () => {
    assert.equal(languageForFile('a/b/c.ts'), 'typescript');
    assert.equal(languageForFile('x.MTS'), 'typescript');
    assert.equal(languageForFile('x.tsx'), 'tsx');
    assert.equal(languageForFile('x.jsx'), 'javascript');
    assert.equal(languageForFile('x.cjs'), 'javascript');
    assert.equal(languageForFile('x.h'), 'cpp');
    assert.equal(languageForFile('x.hxx'), 'cpp');
    assert.equal(languageForFile('X.cs'), 'csharp');
    assert.equal(languageForFile('x.rb'), 'ruby');
    for (const extension of SUPPORTED_EXTENSIONS) assert.ok(languageForFile(`file${extension}`), extension);
  });

  it('knows nothing of files it cannot read', async () => {
    assert.equal(languageForFile('README.md'), undefined);
    assert.equal(languageForFile('Makefile'), undefined);
    assert.deepEqual(await extractSymbols('notes.txt', 'function f() {}'), []);
  });
});

describe('extractSymbols per language', () => {
  it('leaves tool directives and a #! line out of comments', async () => {
    const [fast] = await extractSymbols('a.go', 'package p\n// Fast adds.\n//go:noinline\nfunc Fast() {}\n');
    assert.equal(fast!.comment, 'Fast adds.');
    const [main] = await extractSymbols('a.py', '#!/usr/bin/env python\ndef main():\n    pass\n');
    assert.equal(main!.comment, '');
    const [log] = await extractSymbols('a.ts', '// Logs.\n// eslint-disable-next-line no-console\nfunction log() {}\n');
    assert.equal(log!.comment, 'Logs.');
  });

  it('reads TypeScript declarations, name-bound functions, overloads and namespaces', async () => {
    const symbols = await extractFixture('shapes.ts');
    assertSymbols(symbols, [
      ['function', '', 'parseConfig', ['path', '{strict, retries}', 'rest'], 6, 8, 'Parses a config file.'],
      ['function', '', 'add', ['a', 'b'], 11, 11, 'Sums two numbers.'],
      ['function', '', 'square', ['x'], 13, 15, ''],
      ['function', '', 'shapes', ['input'], 17, 19],
      ['class', '', 'Shape', [], 22, 41, 'A shape on the canvas.'],
      ['method', 'Shape', 'onClick', ['event'], 25, 25, 'Called on click.'],
      ['method', 'Shape', 'constructor', ['name'], 27, 29],
      ['method', 'Shape', 'area', ['scale'], 32, 34],
      ['method', 'Shape', 'draw', ['context'], 36, 36],
      ['method', 'Shape', 'unit', [], 38, 40],
      ['interface', '', 'Drawable', [], 43, 46],
      ['method', 'Drawable', 'draw', ['context'], 44, 44],
      ['enum', '', 'Color', [], 48, 51],
      ['type', '', 'Point', [], 53, 53],
      ['module', 'Geometry', 'Plane', [], 55, 59],
      ['function', 'Geometry.Plane', 'distance', ['p', 'q'], 56, 58],
      ['module', '', 'external-lib', [], 61, 63],
      ['function', 'external-lib', 'helper', ['value'], 62, 62],
      // Two overload signatures and the implementation are one symbol.
      ['function', '', 'format', ['value'], 66, 70, 'Formats a value.'],
      ['method', 'handlers', 'open', ['file'], 73, 73],
      ['method', 'handlers', 'close', ['file'], 74, 74],
      ['method', 'handlers', 'reset', [], 75, 75],
      ['method', 'handlers.nested', 'deep', ['level'], 77, 77],
      ['interface', '', 'Events', [], 81, 85],
      // A property typed as a function is a method; a plain property is no symbol.
      ['method', 'Events', 'onChange', ['value', 'event'], 83, 83, 'Called on change.'],
    ]);
  });

  it('keeps a doc block separated from its method by a blank line, but not a line comment or a licence header', async () => {
    const source = [
      '/*! @license MIT */',
      '',
      'function first() {}',
      '',
      '/**',
      ' * Sends the browser to another address.',
      ' * @param {string} url where to go',
      ' */',
      '',
      'res.redirect = function redirect(url) {};',
      '',
      '// A section of helpers.',
      '',
      'function helper() {}',
      '',
      'class Command {',
      '  /**',
      '   * Registers a subcommand.',
      '   */',
      '',
      '  command(name) {}',
      '}',
      '',
      '/** Used for a constant, not for what follows. */',
      'const LIMIT = 10;',
      '',
      'function after() {}',
    ].join('\n');
    const symbols = await extractSymbols('style.js', source);
    const comment = (name: string) => symbols.find((s) => s.name === name)!.comment;
    assert.equal(comment('first'), '');
    assert.equal(comment('redirect'), 'Sends the browser to another address.\n@param url where to go');
    assert.equal(comment('helper'), '');
    assert.equal(comment('command'), 'Registers a subcommand.');
    assert.equal(comment('after'), '');
  });

  it('gives every name of a chained assignment, each with the comment above the chain', async () => {
    const source = [
      '/**',
      ' * Sets a response header.',
      ' */',
      '',
      'res.set =',
      'res.header = function header(field, val) {};',
      '',
      '// Absolute value.',
      'P.absoluteValue = P.abs = function () {};',
    ].join('\n');
    const symbols = await extractSymbols('chain.js', source);
    assert.deepEqual(symbols.map(brief), ['method res.set(field, val) 5-6', 'method res.header(field, val) 6-6', 'method P.absoluteValue() 9-9', 'method P.abs() 9-9']);
    assert.deepEqual(symbols.map((s) => s.comment), ['Sets a response header.', 'Sets a response header.', 'Absolute value.', 'Absolute value.']);
  });

  it('keeps chained names in source order, once each, and never names a symbol exports', async () => {
    const chain = await extractSymbols('lib/app.js', ['/** d */', 'exports.a =', 'exports.b =', 'exports.c = function () {};', '/** make app */', 'exports = module.exports = function (opts) {};', '/** e */', 'exports.parse = parse = function (s) {};'].join('\n'));
    assert.deepEqual(chain.map((s) => `${s.name}:${s.line}:${s.comment}`), ['a:2:d', 'b:3:d', 'c:4:d', 'app:6:make app', 'parse:8:e']);
  });

  it('gives a module export declared as a variable the doc block above the declaration', async () => {
    // express's lib/router/index.js: the doc block, a blank line, then `var proto = module.exports = …`.
    const source = ['/**', ' * Initialize a new `Router` with the given `options`.', ' * @public', ' */', '', 'var proto = module.exports = function (options) {};', '', '/** Parse a string. */', 'const parse = exports.parse = function (s) {};'].join('\n');
    const symbols = await extractSymbols('lib/router/index.js', source);
    assert.deepEqual(
      symbols.map((s) => `${s.name}:${s.line}:${s.comment}`),
      ['router:6:Initialize a new `Router` with the given `options`.\n@public', 'parse:9:Parse a string.'],
    );
  });

  it('keeps a JSDoc block that names its definition with @name across a blank line, but not a Doxygen group title', async () => {
    // date-fns writes `@name formatDistanceStrict` in the block and a blank line before the function.
    const [named] = await extractSymbols('a.js', '/**\n * @name formatDistanceStrict\n * @summary Return the distance in words.\n */\n\nexport function formatDistanceStrict(a, b) {}\n');
    assert.equal(named!.comment, '@name formatDistanceStrict\n@summary Return the distance in words.');
    const [crlf] = await extractSymbols('a.js', '/**\r\n * @name f\r\n * Does f.\r\n */\r\n\r\nfunction f() {}\r\n');
    assert.equal(crlf!.comment, '@name f\nDoes f.');
    const [grouped] = await extractSymbols('a.cpp', '/** @name Construction and destruction */\n\nint make(void) { return 0; }\n');
    assert.equal(grouped!.comment, '');
  });

  it('leaves type definitions, toolchain pragmas, banners and licences across a blank line alone', async () => {
    for (const block of ['/**\n * @typedef {Object} Options\n * @property {number} retries\n */', '/** @flow */', '/*********\n * Helpers\n *********/', '/**\n * tiny-lib v1.2\n * Released under the MIT License.\n */', '/** @} */']) {
      const [f] = await extractSymbols('a.js', `${block}\n\nfunction f(a) {}\n`);
      assert.equal(f!.comment, '', block);
    }
    const [g] = await extractSymbols('a.js', '/**\n * Returns the copyright line of a package.\n */\n\nfunction g() {}\n');
    assert.equal(g!.comment, 'Returns the copyright line of a package.');
  });

  it('turns a JSDoc block into plain text: markers and type braces gone, tag words kept', async () => {
    const [parseConfig] = await extractFixture('shapes.ts');
    assert.equal(parseConfig!.comment, 'Parses a config file.\n@param path where the file is\n@returns the parsed config');
  });

  it('reads methods of objects typed with as const and satisfies', async () => {
    const symbols = await extractSymbols('api.ts', 'export const api = { get(url: string) {} } as const;\nconst b = { put() {} } satisfies Api;\n');
    assert.deepEqual(symbols.map(brief), ['method api.get(url) 1-1', 'method b.put() 2-2']);
  });

  it('reads TSX components, also wrapped in memo, forwardRef and useCallback', async () => {
    assertSymbols(await extractFixture('component.tsx'), [
      ['function', '', 'Greeting', ['{name, title}'], 4, 6, 'Greets the user by name.'],
      ['function', '', 'List', ['{items}'], 8, 14],
      ['class', '', 'Panel', [], 16, 20],
      ['method', 'Panel', 'render', [], 17, 19],
      ['function', '', 'Input', ['props', 'ref'], 23, 23, 'A fancy input.'],
      ['function', '', 'Row', ['{item}'], 25, 28],
      ['function', 'Row', 'onClick', ['event'], 26, 26],
    ]);
  });

  it('reads JSX with the JavaScript grammar', async () => {
    assertSymbols(await extractFixture('view.jsx'), [
      ['function', '', 'Button', ['{label, onPress}'], 2, 2, 'Shows a button.'],
      ['function', '', 'App', [], 4, 6],
    ]);
  });

  it('reads CommonJS exports, prototypes, object literals and class fields', async () => {
    assertSymbols(await extractFixture('commonjs.js'), [
      ['function', '', 'readFile', ['file', 'encoding'], 7, 9, 'Reads a file.\n@param file the file to read'],
      ['function', '', 'writeFile', ['file', 'data'], 11, 11],
      ['function', '', 'Shape', ['width'], 14, 17, 'A shape with a prototype.'],
      ['method', 'Shape', 'resize', ['factor'], 16, 16],
      ['method', 'Shape', 'area', [], 19, 21, ''],
      ['method', 'api', 'get', ['url'], 24, 24],
      ['method', 'api', 'post', ['url', 'body'], 25, 25],
      ['class', '', 'Widget', [], 28, 32],
      ['method', 'Widget', '#secret', [], 29, 29],
      ['method', 'Widget', 'create', ['options'], 30, 30],
      ['method', 'Widget', 'items', [], 31, 31],
      ['function', '', 'render', ['{node, {id}}', '[first, second]'], 34, 34],
      // `module.exports = function` is the file's anonymous default: named by the file.
      ['function', '', 'commonjs', ['options'], 36, 36],
      // A documented name bound to a call is a function: its parameters are the passed
      // function's, or else the JSDoc's; undocumented, untagged or `require` bindings are not.
      ['function', '', 'camelCase', ['result', 'word', 'index'], 41, 43, 'Converts a string to camel case.'],
      ['function', '', 'range', ['start', 'end', 'options'], 53, 53, 'Creates a range of numbers.\n@param [start=0] where to start'],
    ]);
  });

  it('reads documented call-bound functions in TypeScript only at module level', async () => {
    const source = [
      '/** Converts a string to kebab case. */',
      'export const kebabCase = createCompounder((result: string, word: string) => result + word);',
      '/** @param a the value */',
      'const config = require("config");',
      'function outer() {',
      '  /** @param a the value */',
      '  const inner = make();',
      '}',
      '/**',
      ' * Logs to the console.',
      ' * @param args what to log',
      ' */',
      'exports.default = (0, _consoleFunc.default)("log");',
    ].join('\n');
    const symbols = await extractSymbols('src/log.ts', source);
    assert.deepEqual(symbols.map(brief), ['function kebabCase(result, word) 2-2', 'function outer() 5-8', 'function log(args) 13-13']);
    assert.equal(symbols[0]!.comment, 'Converts a string to kebab case.');
    assert.equal(symbols[2]!.comment, 'Logs to the console.\n@param args what to log');
  });

  it('names an anonymous default export after its file, or its folder for an index file', async () => {
    const [a] = await extractSymbols('src/parse-args.ts', 'export default function (argv: string[]) {}');
    assert.equal(a!.name, 'parse-args');
    const [b] = await extractSymbols('src/router/index.js', 'export default () => {};');
    assert.equal(b!.name, 'router');
    const [c] = await extractSymbols('lib/widget.mjs', 'export default class { draw() {} }');
    assert.deepEqual([c!.kind, c!.name], ['class', 'widget']);
    const [d] = await extractSymbols('lib/compiled.js', 'exports.default = function (a) {};');
    assert.equal(d!.name, 'compiled');
  });

  it('reads Python functions, classes, methods without self, docstrings and # comments', async () => {
    const symbols = await extractFixture('shapes.py');
    assertSymbols(symbols, [
      ['function', '', 'add', ['a', 'b', 'args', 'key', 'kwargs'], 5, 7, 'Return the sum of a and b.'],
      ['class', '', 'Shape', [], 10, 28, 'A shape.\nWith a longer description.'],
      ['method', 'Shape', '__init__', ['name'], 16, 17, ''],
      ['method', 'Shape', 'area', [], 20, 22, ''],
      ['method', 'Shape', 'create', ['size', 'color'], 25, 28],
      ['function', 'Shape.create', 'helper', ['x'], 26, 27],
      ['function', '', 'square', ['x'], 31, 31],
    ]);
    const comments = await extractSymbols('c.py', '# Adds numbers.\n# Twice.\ndef add(a, b):\n    return a + b\n');
    assert.equal(comments[0]!.comment, 'Adds numbers.\nTwice.');
  });

  it('gives a property one symbol, its setter and deleter merged into its getter, in Python, TypeScript and JavaScript', async () => {
    const py = [
      'class Reader:',
      '    @property',
      '    def fieldnames(self):',
      '        """The column names."""',
      '        return self._names',
      '',
      '    @fieldnames.setter',
      '    def fieldnames(self, value):',
      '        self._names = value',
      '',
      '    @fieldnames.deleter',
      '    def fieldnames(self):',
      '        del self._names',
      '',
      'if FAST:',
      '    def load(): pass',
      'else:',
      '    def load(): pass',
    ].join('\n');
    // Two definitions of one name that are not accessors stay two symbols.
    assertSymbols(await extractSymbols('reader.py', py), [
      ['class', '', 'Reader', [], 1, 13],
      ['method', 'Reader', 'fieldnames', [], 3, 13, 'The column names.'],
      ['function', '', 'load', [], 16, 16],
      ['function', '', 'load', [], 18, 18],
    ]);
    const ts = [
      'class Box {',
      '  /** The width in pixels. */',
      '  get width(): number { return this.w; }',
      '  set width(value: number) { this.w = value; }',
      '  set height(value: number) { this.h = value; }',
      '  getter() { return 1; }',
      '}',
    ].join('\n');
    const expected: Expected[] = [
      ['class', '', 'Box', [], 1, 7],
      ['method', 'Box', 'width', [], 3, 4, 'The width in pixels.'],
      ['method', 'Box', 'height', ['value'], 5, 5],
      ['method', 'Box', 'getter', [], 6, 6],
    ];
    assertSymbols(await extractSymbols('box.ts', ts), expected);
    assertSymbols(await extractSymbols('box.js', ts.replace(/: number/g, '')), expected);
  });

  it('reads Go functions, methods by receiver, structs, interfaces, types and function variables', async () => {
    assertSymbols(await extractFixture('shapes.go'), [
      ['interface', '', 'Shape', [], 5, 8, 'Shape is anything with an area.\nIt is implemented by Rect.'],
      ['method', 'Shape', 'Area', [], 6, 6],
      ['method', 'Shape', 'Scale', ['factor'], 7, 7],
      ['struct', '', 'Rect', [], 11, 13, 'Rect is a rectangle.'],
      ['type', '', 'Alias', [], 15, 15, ''],
      ['type', '', 'Meters', [], 17, 17],
      ['method', 'Rect', 'Area', [], 20, 22, 'Area returns the area.'],
      ['method', 'Rect', 'Scale', ['factor'], 24, 24, ''],
      ['function', '', 'NewRect', ['w', 'h', 'opts'], 27, 29, 'NewRect makes a rectangle.'],
      ['function', '', 'Map', ['items', 'fn'], 31, 31],
      ['function', '', 'Handler', ['w', 'r'], 34, 34, 'Handler handles requests.'],
    ]);
  });

  it('reads Rust items, impl blocks as containers, /// docs past attributes, and not //! docs', async () => {
    assertSymbols(await extractFixture('shapes.rs'), [
      ['struct', '', 'Rect', [], 6, 9, 'A rectangle.\nWidth and height in pixels.'],
      ['trait', '', 'Area', [], 12, 18, 'Something with an area.'],
      ['method', 'Area', 'area', [], 14, 14, 'The area.'],
      ['method', 'Area', 'describe', ['prefix'], 15, 17],
      ['method', 'Rect', 'area', [], 21, 23, ''],
      ['method', 'Rect', 'new', ['w', 'h'], 28, 30, 'Makes a rectangle.'],
      ['enum', '', 'Kind', [], 33, 33],
      ['type', '', 'Pixels', [], 35, 35],
      ['module', '', 'geometry', [], 37, 40],
      ['function', 'geometry', 'distance', ['(x1, y1)', 'other'], 39, 39, 'Distance between points.'],
      ['function', '', 'square', [], 42, 44],
    ]);
  });

  it('reads Java classes, constructors, nested types and Javadoc', async () => {
    assertSymbols(await extractFixture('Shapes.java'), [
      ['class', '', 'Shapes', [], 9, 30, 'A shape on the canvas.'],
      ['method', 'Shapes', 'Shapes', ['capacity'], 12, 12, 'Makes shapes.'],
      ['method', 'Shapes', 'area', ['items', 'weights'], 15, 18, 'Area of all shapes.'],
      ['interface', 'Shapes', 'Visitor', [], 20, 22],
      ['method', 'Shapes.Visitor', 'visit', ['shape'], 21, 21],
      ['enum', 'Shapes', 'Kind', [], 24, 27],
      ['method', 'Shapes.Kind', 'isRound', [], 26, 26],
      ['class', 'Shapes', 'Point', [], 29, 29],
    ]);
  });

  it('reads C# under a file-scoped namespace, with XML doc comments as text', async () => {
    const ns = 'Canvas.Shapes';
    assertSymbols(await extractFixture('Shapes.cs'), [
      ['module', 'Canvas', 'Shapes', [], 3, 3],
      ['class', ns, 'Shape', [], 7, 37, "A shape on the canvas.\nname The shape's name."],
      ['method', `${ns}.Shape`, 'Shape', ['name'], 11, 11, 'Makes a shape.'],
      ['method', `${ns}.Shape`, 'Draw', ['context', 'layers'], 14, 17, 'Draws it.'],
      ['function', `${ns}.Shape.Draw`, 'Local', ['q'], 16, 16],
      ['method', `${ns}.Shape`, 'Size', [], 19, 19, ''],
      ['method', `${ns}.Shape`, 'Area', [], 22, 22, 'The area in pixels.'],
      ['method', `${ns}.Shape`, 'Changed', [], 25, 25, 'Raised when the shape changes.'],
      ['method', `${ns}.Shape`, 'Clicked', [], 28, 33, 'Raised on click.'],
      ['method', `${ns}.Shape`, 'Shown', [], 36, 36, 'Raised when shown or hidden.'],
      ['method', `${ns}.Shape`, 'Hidden', [], 36, 36, 'Raised when shown or hidden.'],
      ['interface', ns, 'IDrawable', [], 39, 45],
      ['method', `${ns}.IDrawable`, 'Draw', ['context', 'layers'], 41, 41],
      ['method', `${ns}.IDrawable`, 'Name', [], 44, 44, 'The name it is drawn under.'],
      ['struct', ns, 'Point', [], 47, 47],
      ['enum', ns, 'Color', [], 49, 49],
      ['class', ns, 'Line', [], 51, 51],
      ['type', ns, 'Handler', [], 53, 53],
    ]);
  });

  it('reads C++ namespaces, classes, declarations and out-of-line methods', async () => {
    assertSymbols(await extractFixture('shapes.cpp'), [
      ['module', '', 'geo', [], 4, 36, 'Geometry helpers.'],
      ['class', 'geo', 'Shape', [], 7, 14, 'A shape.'],
      ['method', 'geo.Shape', 'Shape', ['sides'], 9, 9],
      ['method', 'geo.Shape', '~Shape', [], 10, 10],
      ['method', 'geo.Shape', 'area', ['unit', 'out', 'values'], 12, 12, 'Area in pixels.'],
      ['method', 'geo.Shape', 'sides', [], 13, 13],
      ['struct', 'geo', 'Box', [], 17, 19],
      ['method', 'geo.Shape', 'area', ['unit', 'out', 'values'], 22, 24, 'Computes the area.'],
      ['function', 'geo', 'name_of', ['id'], 26, 26],
      ['enum', 'geo', 'Color', [], 28, 28],
      ['type', 'geo', 'Size', [], 30, 30],
      ['struct', 'geo', 'Point', [], 32, 34],
      // `geo::Shape shape(3);` inside main is a variable, not a prototype.
      ['function', '', 'main', ['argc', 'argv'], 38, 41],
    ]);
  });

  it('keeps a C++ member declaration apart from its out-of-line definition that follows the class', async () => {
    const symbols = await extractSymbols('a.cpp', 'class A {\n  void f();\n};\nvoid A::f() {}\n');
    assert.deepEqual(symbols.map(brief), ['class A() 1-3', 'method A.f() 2-2', 'method A.f() 4-4']);
  });

  it('reads C headers with the C++ grammar', async () => {
    assertSymbols(await extractFixture('shapes.h'), [
      ['function', '', 'buffer_new', ['size'], 5, 5, 'Creates a buffer of the given size.'],
      ['function', '', 'buffer_free', ['buf'], 7, 7],
      ['struct', '', 'buffer', [], 9, 12],
    ]);
  });

  it('reads Ruby modules, classes, singleton methods and =begin comments', async () => {
    assertSymbols(await extractFixture('shapes.rb'), [
      ['module', '', 'Canvas', [], 2, 22, 'Shapes for the canvas.'],
      ['class', 'Canvas', 'Shape', [], 4, 17, 'A shape.'],
      ['method', 'Canvas.Shape', 'initialize', ['name', 'sides', 'rest', 'color', 'size', 'opts', 'block'], 6, 8, 'Makes a shape.'],
      ['method', 'Canvas.Shape', 'build', ['spec'], 10, 10],
      ['method', 'Canvas.Shape', 'registry', [], 13, 13],
      ['method', 'Canvas.Shape', 'area', [], 16, 16],
      ['class', 'Canvas.Geometry', 'Point', [], 19, 21],
      ['method', 'Canvas.Geometry.Point', 'to_s', [], 20, 20],
      ['function', '', 'helper', ['x'], 27, 29, 'A top-level helper.'],
    ]);
  });

  it('reads PHP under a namespace statement, with PHPDoc types dropped', async () => {
    const ns = 'App.Shapes';
    assertSymbols(await extractFixture('shapes.php'), [
      ['module', 'App', 'Shapes', [], 3, 3],
      ['function', ns, 'make_shape', ['name', 'sizes'], 9, 9, "Makes a shape.\n@param $name the shape's name"],
      ['class', ns, 'Shape', [], 11, 18],
      ['method', `${ns}.Shape`, '__construct', ['name', 'sides'], 14, 14],
      ['method', `${ns}.Shape`, 'area', ['out'], 17, 17, 'Area of the shape.'],
      ['interface', ns, 'Drawable', [], 20, 23],
      ['method', `${ns}.Drawable`, 'draw', ['context'], 22, 22],
      ['trait', ns, 'Named', [], 25, 29],
      ['method', `${ns}.Named`, 'name', [], 28, 28, 'The name.'],
      ['enum', ns, 'Color', [], 31, 34],
      ['function', ns, 'scale', ['factor'], 36, 36],
      ['function', ns, 'double', ['x'], 37, 37],
    ]);
  });
});

/** The file's symbols as `Container.name`, with `*` after those marked internal. */
async function visibility(file: string, source: string): Promise<string[]> {
  return (await extractSymbols(file, source)).map((s) => `${s.container ? `${s.container}.` : ''}${s.name}${s.internal ? '*' : ''}`);
}

describe('extractSymbols marks what a module keeps to itself', () => {
  it('marks a CommonJS module\'s unexported helpers, not what it exports or their members', async () => {
    const source = [
      'function helper() {}',
      'function api() { helper(); }',
      'module.exports = api;',
      'var res = Object.create(null);',
      'exports.response = res;',
      'res.send = function send() {};',
      'exports.inline = function inline() {};',
    ].join('\n');
    assert.deepEqual(await visibility('lib/api.js', source), ['helper*', 'api', 'res.send', 'inline']);
  });

  it('follows the export object through a chain, an object literal, Object.assign and a compiler\'s wrapper call', async () => {
    const app = 'var app = exports = module.exports = {};\napp.init = function init() {};\nfunction logerror() {}\n';
    assert.deepEqual(await visibility('lib/application.js', app), ['app.init', 'logerror*']);
    const literal = 'function parse() {}\nfunction formatDate() {}\nfunction pad() {}\nmodule.exports = { parse, format: formatDate };\n';
    assert.deepEqual(await visibility('lib/dates.js', literal), ['parse', 'formatDate', 'pad*']);
    const compiled = '"use strict";\nfunction every(coll, fn, cb) {}\nfunction _interopRequireDefault(obj) {}\nexports.default = (0, _awaitify2.default)(every, 3);\n';
    assert.deepEqual(await visibility('dist/every.js', compiled), ['every', '_interopRequireDefault*']);
    const assigned = 'function parse() {}\nfunction pad() {}\nexports.version = 1;\nObject.assign(module.exports, { parse });\n';
    assert.deepEqual(await visibility('lib/assign.js', assigned), ['parse', 'pad*']);
  });

  it('reads ES module exports: declarations, renamed lists and default classes', async () => {
    const source = 'export function a() {}\nfunction b() {}\nconst c = () => 1;\nexport { c as d };\nexport default class K { m() {} }\n';
    assert.deepEqual(await visibility('src/mod.mjs', source), ['a', 'b*', 'c', 'K', 'K.m']);
    assert.deepEqual(await visibility('src/legacy.ts', 'class Foo { m() {} }\nfunction helper() {}\nexport = Foo;\n'), ['Foo', 'Foo.m', 'helper*']);
  });

  it('marks what its doc comment tags @private or @internal', async () => {
    const source = '/**\n * Parses.\n * @private\n */\nfunction parseLine() {}\n/** @internal */\nfunction cache() {}\n/** Mentions @private in prose. */\nfunction open() {}\n';
    assert.deepEqual(await visibility('public/app.js', source), ['parseLine*', 'cache*', 'open']);
  });

  it('marks functions declared inside a function, but not the API a factory or constructor builds', async () => {
    const js = [
      'function outer() {',
      '  function inner() {}',
      '  const step = () => 1;',
      '  return { get() {}, set: function () {} };',
      '}',
      'function Counter() { this.increment = function () {}; }',
    ].join('\n');
    assert.deepEqual(await visibility('public/app.js', js), ['outer', 'outer.inner*', 'outer.step*', 'outer.get', 'outer.set', 'Counter', 'Counter.increment']);
    const py = 'def outer():\n    def inner():\n        pass\n    return inner\n\nclass Box:\n    def open(self):\n        def helper():\n            pass\n';
    assert.deepEqual(await visibility('box.py', py), ['outer', 'outer.inner*', 'Box', 'Box.open', 'Box.open.helper*']);
  });

  it('marks nothing in a file whose exports are too large to read through, rather than half of it', async () => {
    const huge = `function helper() {}\nmodule.exports = [helper, ${'x, '.repeat(210_000)}];\n`;
    assert.deepEqual(await visibility('dist/generated.js', huge), ['helper']);
  });

  it('marks nothing in a script that exports nothing, nor in a declaration file', async () => {
    assert.deepEqual(await visibility('public/app.js', 'function start() {}\nfunction stop() {}\n'), ['start', 'stop']);
    assert.deepEqual(await visibility('types/index.d.ts', 'declare function f(): void;\nexport function g(): void;\n'), ['f', 'g']);
  });

  it('marks private members in TypeScript, Java, C# and PHP, and lower-case names in Go', async () => {
    const ts = 'export class Store { private load(): void {} protected save(): void {} open(): void {} }\n';
    assert.deepEqual(await visibility('src/store.ts', ts), ['Store', 'Store.load*', 'Store.save', 'Store.open']);
    assert.deepEqual(await visibility('Store.java', 'class Store { private void load() {} public void save() {} void open() {} }\n'), ['Store', 'Store.load*', 'Store.save', 'Store.open']);
    assert.deepEqual(await visibility('Store.cs', 'class Store { private void Load() {} public void Save() {} }\n'), ['Store', 'Store.Load*', 'Store.Save']);
    assert.deepEqual(await visibility('store.php', '<?php class Store { private function load() {} public function save() {} }\n'), ['Store', 'Store.load*', 'Store.save']);
    const go = 'package store\nfunc Open() {}\nfunc load() {}\nfunc main() {}\ntype Store struct{}\nfunc (s Store) Save() {}\nfunc (s Store) flush() {}\n';
    assert.deepEqual(await visibility('store.go', go), ['Open', 'load*', 'main', 'Store', 'Store.Save', 'Store.flush*']);
  });
});

/** The file's functions and methods as `Container.name`, with `?` after those marked as returning a boolean. */
async function answers(file: string, source: string): Promise<string[]> {
  return (await extractSymbols(file, source))
    .filter((s) => s.kind === 'function' || s.kind === 'method')
    .map((s) => `${s.container ? `${s.container}.` : ''}${s.name}${s.returnsBoolean ? '?' : ''}`);
}

describe('extractSymbols marks functions that answer yes or no', () => {
  it('marks TypeScript functions declared to return a boolean or a type predicate, overloads and declarations included', async () => {
    const ts = [
      'export function isEmpty(s: string): boolean { return s.length === 0; }',
      'export function isString(x: unknown): x is string { return typeof x === "string"; }',
      'export const isOne = (n: number): n is 1 => n === 1;',
      'export class Set2 { has(k: string): (boolean) { return this.map.has(k); } assertOk(x: unknown): asserts x is string {} }',
      'export interface Filter { accepts(path: string): boolean; test: (value: unknown) => boolean; }',
      'export function matches(a: string): boolean;',
      'export function matches(a: RegExp): boolean;',
      'export function matches(a: any) { return check(a); }',
    ].join('\n');
    assert.deepEqual(await answers('src/checks.ts', ts), [
      'isEmpty?', 'isString?', 'isOne?', 'Set2.has?', 'Set2.assertOk', 'Filter.accepts?', 'Filter.test?', 'matches?',
    ]);
    assert.deepEqual(await answers('types/index.d.ts', 'export declare function isArray(value: unknown): value is unknown[];\ndeclare function exists(path: string): boolean;\n'), [
      'isArray?', 'exists?',
    ]);
  });

  it('leaves TypeScript types that only contain a boolean unmarked: a promise, a union, an overload that returns something else', async () => {
    const ts = [
      'export async function exists(p: string): Promise<boolean> { return true; }',
      'export function maybe(x: number): boolean | undefined { return x > 0; }',
      'export function count(x: number): number { return x > 0 ? 1 : 0; }',
      'export function parse(a: string): boolean;',
      'export function parse(a: number): string;',
      'export function parse(a: any): any { return a; }',
    ].join('\n');
    assert.deepEqual(await answers('src/io.ts', ts), ['exists', 'maybe', 'count', 'parse']);
  });

  it('marks an untyped JavaScript function when every return of its own body is a boolean expression', async () => {
    const js = [
      'function disjoint(a, b) { for (const x of a) if (b.has(x)) return false; return true; }',
      'function isArrayLike(x) { return x != null && (typeof x.length === "number" || Array.isArray(x)); }',
      'function isNumeric(x) { if (!x) { return false; } else { return !isNaN(x) ? /^\\d+$/.test(x) : Boolean(x.valueOf()); } }',
      'const isKey = (k) => k in KEYS || !(k instanceof Symbol);',
      'function kind(x) { switch (typeof x) { case "string": return true; default: try { return x >= 0; } catch (e) { return false; } } }',
    ].join('\n');
    assert.deepEqual(await answers('lib/checks.js', js), ['disjoint?', 'isArrayLike?', 'isNumeric?', 'isKey?', 'kind?']);
  });

  it('leaves an untyped function unmarked when a return calls another function, gives no value or a number, or only a nested function returns a boolean', async () => {
    const js = [
      'function f(x) { return isArray(x); }',
      'function g(x) { if (x) return true; return; }',
      'function h(x) { return x && x.ok; }',
      'function size(list) { list.forEach(function (x) { return true; }); return list.length; }',
      'function visit(list) { list.some((x) => x > 1); }',
      'async function ready() { return true; }',
      'function* flags() { return true; }',
      'const same = (x) => x;',
    ].join('\n');
    assert.deepEqual(await answers('lib/misc.js', js), ['f', 'g', 'h', 'size', 'visit', 'ready', 'flags', 'same']);
  });

  it('marks Python functions annotated -> bool, or whose every own return is a comparison, not, and/or of those, isinstance or a literal', async () => {
    const py = [
      'def is_ready(job) -> bool:',
      '    return job.state()',
      'def maybe(x) -> Optional[bool]:',
      '    return None',
      'def is_empty(seq):',
      '    def size():',
      '        return len(seq)',
      '    if seq is None:',
      '        return True',
      '    return not seq or (isinstance(seq, str) and size() == 0)',
      'def first(seq):',
      '    return seq[0]',
      'def check(x):',
      '    if x:',
      '        return True',
      '    return validate(x)',
      'def gen(x):',
      '    yield x',
      '    return True',
      'async def alive() -> bool:',
      '    return True',
      'positive = lambda x: x > 0',
      'class Box:',
      '    def is_open(self):',
      '        return self.lid == "open"',
    ].join('\n');
    assert.deepEqual(await answers('box.py', py), ['is_ready?', 'maybe', 'is_empty?', 'is_empty.size', 'first', 'check', 'gen', 'alive', 'positive?', 'Box.is_open?']);
  });

  it('marks Go functions whose one result is a bool, and not (bool, error) or *bool', async () => {
    const go = [
      'package store',
      'func IsZero() bool { return true }',
      'func (s *Store) Has(k string) (ok bool) { return }',
      'func Lookup(k string) (bool, error) { return false, nil }',
      'func Both() (a, b bool) { return }',
      'func Flag() *bool { return nil }',
      'type Checker interface { Check() bool }',
    ].join('\n');
    assert.deepEqual(await answers('store.go', go), ['IsZero?', 'Store.Has?', 'Lookup', 'Both', 'Flag', 'Checker.Check?']);
  });

  it('marks Java methods returning boolean or Boolean, and not Optional<Boolean>', async () => {
    const java = 'class Stack { boolean isEmpty() { return size == 0; } Boolean cached() { return null; } Optional<Boolean> peekFlag() { return null; } Stack() {} }\n';
    assert.deepEqual(await answers('Stack.java', java), ['Stack.isEmpty?', 'Stack.cached?', 'Stack.peekFlag', 'Stack.Stack']);
  });

  it('marks C#, Rust, C++ and PHP functions declared bool, and not their nullable, optional or wrapped forms', async () => {
    const cs = 'class Stack { bool IsEmpty() => true; bool Full { get; } bool? Peek() => null; Task<bool> LoadAsync() => null; }\n';
    assert.deepEqual(await answers('Stack.cs', cs), ['Stack.IsEmpty?', 'Stack.Full?', 'Stack.Peek', 'Stack.LoadAsync']);
    const rust = 'fn is_empty(v: &[u8]) -> bool { v.len() == 0 }\nfn find(v: &[u8]) -> Option<bool> { None }\nasync fn ready() -> bool { true }\n';
    assert.deepEqual(await answers('lib.rs', rust), ['is_empty?', 'find', 'ready']);
    const cpp = 'class Stack { public: bool empty() const; bool *flag(); std::optional<bool> peek(); };\nauto full() -> bool { return false; }\n';
    assert.deepEqual(await answers('stack.hpp', cpp), ['Stack.empty?', 'Stack.flag', 'Stack.peek', 'full?']);
    const php = '<?php class Stack { public function isEmpty(): bool { return true; } public function peek(): ?bool { return null; } }\n';
    assert.deepEqual(await answers('Stack.php', php), ['Stack.isEmpty?', 'Stack.peek']);
  });
});

describe('extractSymbols on damaged and hostile input', () => {
  it('reads a generated chain of thousands of comparisons without losing the file, and knows it answers yes or no', async () => {
    const terms = Array.from({ length: 20_000 }, (_, i) => `x === ${i}`);
    const js = `function first(a) { return a + 1; }\nfunction known(x) {\n  return ${terms.join('\n    || ')};\n}\nfunction last(b) { return b * 2; }\n`;
    assert.deepEqual(await answers('generated.js', js), ['first', 'known?', 'last']);
    const py = `def first(a):\n    return a + 1\n\ndef known(x):\n    return (${terms.map((t) => t.replace('===', '==')).join('\n        or ')})\n\ndef last(b):\n    return b * 2\n`;
    assert.deepEqual(await answers('generated.py', py), ['first', 'known?', 'last']);
  });

  it('keeps the symbols before and after a syntax error in the middle', async () => {
    const source = [
      '/** Before the error. */',
      'export function before(a: number) { return a; }',
      'function ((( broken',
      'export function after(b: string) {}',
      'const later = (c) => c;',
      'class Still { ok() {} }',
    ].join('\n');
    const names = (await extractSymbols('broken.ts', source)).map((s) => `${s.container ? `${s.container}.` : ''}${s.name}:${s.line}`);
    for (const expected of ['before:2', 'after:4', 'later:5', 'Still:6', 'Still.ok:6']) assert.ok(names.includes(expected), `${expected} in ${names.join(' ')}`);
  });

  it('keeps Python definitions around a broken one', async () => {
    const source = 'def before(a):\n    return a\ndef broken(:\n    pass\nclass After:\n    def m(self, q): pass\n';
    const names = (await extractSymbols('broken.py', source)).map((s) => s.name);
    for (const expected of ['before', 'After', 'm']) assert.ok(names.includes(expected), `${expected} in ${names.join(' ')}`);
  });

  it('gives the same symbols, lines and comments for CRLF line endings and a BOM', async () => {
    for (const file of readdirSync(FIXTURES)) {
      const lf = readFileSync(path.join(FIXTURES, file), 'utf8');
      const crlf = `\uFEFF${lf.replace(/\n/g, '\r\n')}`;
      assert.deepEqual(await extractSymbols(file, crlf), await extractSymbols(file, lf), file);
    }
  });

  it('bounds a 10,000-character name and comment without losing the symbol', async () => {
    const long = 'a'.repeat(10_000);
    const source = `/** ${'word '.repeat(5_000)} */\nfunction ${long}(${long}) {}\nclass ${long}Class { ${long}() {} }\n`;
    const symbols = await extractSymbols('long.ts', source);
    assert.equal(symbols.length, 3);
    for (const symbol of symbols) {
      assert.ok(symbol.name.length <= MAX_NAME_LENGTH);
      assert.ok(symbol.container.length <= MAX_CONTAINER_LENGTH);
      for (const param of symbol.params) assert.ok(param.length <= MAX_NAME_LENGTH);
    }
    assert.ok(symbols[0]!.comment.length > 0 && symbols[0]!.comment.length <= MAX_COMMENT_LENGTH);
  });

  it('keeps markup, quotes, right-to-left, zero-width characters and emoji as text', async () => {
    const source = [
      "/** <script>alert('x')</script> <img src=x onerror=alert(1)> \"quoted\" </ */",
      "export const handlers = { '<script>alert(1)</script>': () => {}, \"it's \\\"quoted\\\"\": function () {} };",
      '// \u202Eevil\u200B zero width 🎉',
      'function pa\u200Crty🎉() {}',
    ].join('\n');
    const symbols = await extractSymbols('hostile.ts', source);
    assert.deepEqual(symbols.map((s) => s.name), ['<script>alert(1)</script>', 'it\'s \\"quoted\\"', 'pa\u200Crty🎉']);
    assert.equal(symbols[2]!.comment, '\u202Eevil\u200B zero width 🎉');
    assert.equal(symbols[2]!.line, 4);
  });

  it('never cuts a surrogate pair when bounding a name', async () => {
    const name = `${'a'.repeat(MAX_NAME_LENGTH - 1)}🎉🎉`;
    const [symbol] = await extractSymbols('emoji.js', `function ${name}() {}`);
    assert.equal(symbol!.name, 'a'.repeat(MAX_NAME_LENGTH - 1));
  });

  it('reads an empty file, a file of only comments and binary-looking noise without throwing', async () => {
    assert.deepEqual(await extractSymbols('empty.ts', ''), []);
    assert.deepEqual(await extractSymbols('bom.py', '\uFEFF'), []);
    assert.deepEqual(await extractSymbols('comments.go', '// nothing here\n/* at all */'), []);
    const noise = Array.from({ length: 4096 }, (_, i) => String.fromCharCode((i * 7919) % 65_000)).join('');
    for (const file of ['noise.ts', 'noise.py', 'noise.rs', 'noise.cpp', 'noise.rb', 'noise.php']) {
      assert.ok(Array.isArray(await extractSymbols(file, noise)));
    }
  });

  it('reads a 2 MB single-line file', async () => {
    // Mostly data, as in a minified bundle's tables, with a function every 20 kB.
    const unit = `var t=[${'1234567,'.repeat(2_500)}0];function f(a){return t[a]};var o={m:function(b){return b}};`;
    const source = unit.repeat(Math.ceil(2_000_000 / unit.length));
    const symbols = await extractSymbols('bundle.min.js', source);
    assert.equal(symbols.length, 2 * Math.ceil(2_000_000 / unit.length));
    assert.ok(symbols.every((s) => s.line === 1 && s.endLine === 1));
  });

  it('reads 5,000 nested functions with bounded containers', async () => {
    const depth = 5_000;
    const source = `${'function f(){'.repeat(depth)}${'}'.repeat(depth)}`;
    const symbols = await extractSymbols('nested.js', source);
    assert.equal(symbols.length, depth);
    assert.ok(symbols.every((s) => s.container.length <= MAX_CONTAINER_LENGTH));
  });

  it('gives up on 60,000 unclosed brackets within its time budget, keeping what came before', async () => {
    // Without a budget tree-sitter's query cursor spends minutes on this.
    const symbols = await extractSymbols('brackets.js', `function first() {}\n${'('.repeat(60_000)}`);
    assert.deepEqual(symbols.map((s) => s.name), ['first']);
  });

  it('stops with CancelledError when its signal fires, and watches it while parsing', async () => {
    const aborted = new AbortController();
    aborted.abort();
    await assert.rejects(extractSymbols('a.ts', 'function f() {}', aborted.signal), CancelledError);
    // A signal that counts how often it is read: more than before and after the parse means during it.
    let reads = 0;
    const watching = { get aborted() { reads++; return false; } } as unknown as AbortSignal;
    const symbols = await extractSymbols('big.js', 'function f(a){return a+1};'.repeat(20_000), watching);
    assert.equal(symbols.length, 20_000);
    assert.ok(reads > 3, `read ${reads} times`);
  });

  it('reads many languages concurrently with one load of each grammar', async () => {
    const files = ['shapes.ts', 'shapes.py', 'shapes.go', 'shapes.rs', 'Shapes.java', 'Shapes.cs', 'shapes.cpp', 'shapes.rb', 'shapes.php'];
    const once = await Promise.all(files.map(extractFixture));
    const again = await Promise.all(files.map(extractFixture));
    assert.deepEqual(again, once);
    for (const symbols of once) assert.ok(symbols.length > 0);
  });
});

describe('grammar loading', () => {
  it('fails with one clear error naming the language when its grammar is missing', async () => {
    const missing = path.join(FIXTURES, 'no-grammars-here');
    await assert.rejects(loadLanguage('ruby', '(method) @def.function', missing), /the ruby grammar failed to load from .*tree-sitter-ruby\.wasm/);
    // The failure is remembered: the same error again, without another attempt.
    const first = loadLanguage('ruby', '(method) @def.function', missing);
    assert.equal(loadLanguage('ruby', '(method) @def.function', missing), first);
    await assert.rejects(first, /ruby grammar/);
  });

  it('fails with a clear error when a symbol query does not compile', async () => {
    await assert.rejects(loadLanguage('go', '(no_such_node) @def.function', grammarDir()), /the go symbol query does not compile/);
  });
});
