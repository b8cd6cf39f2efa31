import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Latest, RequestCancelled, RequestChannel } from '../../src/shared/requests';
import type { FromWebviewMessage } from '../../src/shared/protocol';

function channel() {
  const sent: FromWebviewMessage[] = [];
  return { sent, requests: new RequestChannel((m) => sent.push(m)) };
}

describe('RequestChannel', () => {
  it('sends each request with its own id and resolves it with the reply carrying that id', async () => {
    const { sent, requests } = channel();
    const first = requests.request({ type: 'search', query: 'parse url' });
    const second = requests.request({ type: 'neighbours', id: 'a.ts#f' });
    assert.deepEqual(sent, [
      { type: 'search', query: 'parse url', requestId: 1 },
      { type: 'neighbours', id: 'a.ts#f', requestId: 2 },
    ]);
    assert.equal(requests.receive({ type: 'neighbours', requestId: 2, id: 'a.ts#f', results: [] }), true);
    assert.equal(requests.receive({ type: 'searchResults', requestId: 1, query: 'parse url', results: [] }), true);
    assert.equal((await first).type, 'searchResults');
    assert.equal((await second).type, 'neighbours');
    assert.equal(requests.inFlight, 0);
  });

  it('drops a reply nobody is waiting for, a second reply, and a reply of the wrong type', async () => {
    const { requests } = channel();
    const pending = requests.request({ type: 'search', query: 'q' });
    assert.equal(requests.receive({ type: 'searchResults', requestId: 99, query: 'q', results: [] }), false);
    assert.equal(requests.receive({ type: 'neighbours', requestId: 1, id: 'x', results: [] }), false, 'a neighbours reply cannot answer a search');
    assert.equal(requests.receive({ type: 'searchResults', requestId: 1, query: 'q', results: [] }), true);
    assert.equal(requests.receive({ type: 'searchResults', requestId: 1, query: 'q', results: [] }), false, 'answered once');
    await pending;
  });

  it('cancelling rejects the request, tells the host, and drops the late reply', async () => {
    const { sent, requests } = channel();
    const controller = new AbortController();
    const pending = requests.request({ type: 'search', query: 'q' }, controller.signal);
    controller.abort();
    await assert.rejects(pending, RequestCancelled);
    assert.deepEqual(sent.at(-1), { type: 'cancel', requestId: 1 });
    assert.equal(requests.receive({ type: 'searchResults', requestId: 1, query: 'q', results: [] }), false);
    await assert.rejects(requests.request({ type: 'search', query: 'r' }, controller.signal), RequestCancelled);
    assert.equal(sent.length, 2, 'a request already cancelled is never sent');
  });

  it('Latest cancels the request before it when a new one starts', async () => {
    const { sent, requests } = channel();
    const latest = new Latest();
    const first = requests.request({ type: 'search', query: 'pa' }, latest.next());
    const second = requests.request({ type: 'search', query: 'parse' }, latest.next());
    await assert.rejects(first, RequestCancelled);
    assert.deepEqual(sent.map((m) => m.type), ['search', 'cancel', 'search']);
    requests.receive({ type: 'searchResults', requestId: 2, query: 'parse', results: [] });
    assert.equal((await second).query, 'parse');
  });
});
