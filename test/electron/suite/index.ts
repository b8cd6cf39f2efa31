// The extension host loads this module and calls run(); mocha then loads the
// bundled test file next to it (its `suite`/`test` globals exist only while
// mocha loads files, so the tests cannot be bundled into this module).
import * as path from 'node:path';
import Mocha from 'mocha';

export function run(): Promise<void> {
  // Indexing with the built-in model in a fresh profile takes seconds, more on a busy CI machine.
  const mocha = new Mocha({ ui: 'tdd', timeout: 300_000, color: true });
  mocha.addFile(path.join(__dirname, 'extension.test.js'));
  return new Promise((resolve, reject) => {
    mocha.run((failures) => (failures > 0 ? reject(new Error(`${failures} integration test(s) failed`)) : resolve()));
  });
}
