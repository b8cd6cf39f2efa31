// Requests from the map page to the host and their replies, matched by id.
//
// The page asks (neighbours of a symbol, search results for a query) and the
// host answers with the same `requestId`. This helper gives each request an
// id, resolves its promise with the matching reply only (a reply to nothing
// pending, or of another type, is dropped), and cancels: aborting a
// request's signal rejects its promise and tells the host with a `cancel`
// message, so a superseded search or hover stops there too. `Latest` keeps
// one request of a kind in flight, cancelling the one before (typing a query,
// moving across points). The model is vscode-hexeditor's message handler in
// its shared/protocol.ts, written here for this protocol.
import type {
  AxesMessage,
  AxesRequest,
  DirectionsMessage,
  DirectionsRequest,
  FromWebviewMessage,
  NeighboursMessage,
  NeighboursRequest,
  SearchRequest,
  SearchResultsMessage,
  SimilarToManyRequest,
} from './protocol';

export type RequestMessage = NeighboursRequest | SearchRequest | SimilarToManyRequest | AxesRequest | DirectionsRequest;
export type ReplyMessage = NeighboursMessage | SearchResultsMessage | AxesMessage | DirectionsMessage;

const REPLY_TYPE = {
  neighbours: 'neighbours',
  search: 'searchResults',
  similarToMany: 'searchResults',
  axes: 'axes',
  directions: 'directions',
} as const satisfies Record<RequestMessage['type'], ReplyMessage['type']>;

/** Thrown (as a rejection) when a request was cancelled before its reply came. */
export class RequestCancelled extends Error {
  constructor() {
    super('request cancelled');
    this.name = 'RequestCancelled';
  }
}

interface Pending {
  readonly replyType: ReplyMessage['type'];
  resolve(reply: ReplyMessage): void;
  reject(error: Error): void;
}

export class RequestChannel {
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();

  constructor(private readonly send: (message: FromWebviewMessage) => void) {}

  /** Sends `message` with a fresh id; resolves with its reply, rejects with RequestCancelled when `signal` aborts first. */
  request(message: Omit<NeighboursRequest, 'requestId'>, signal?: AbortSignal): Promise<NeighboursMessage>;
  request(message: Omit<SearchRequest, 'requestId'> | Omit<SimilarToManyRequest, 'requestId'>, signal?: AbortSignal): Promise<SearchResultsMessage>;
  request(message: Omit<AxesRequest, 'requestId'>, signal?: AbortSignal): Promise<AxesMessage>;
  request(message: Omit<DirectionsRequest, 'requestId'>, signal?: AbortSignal): Promise<DirectionsMessage>;
  request(message: Omit<RequestMessage, 'requestId'>, signal?: AbortSignal): Promise<ReplyMessage> {
    if (signal?.aborted) return Promise.reject(new RequestCancelled());
    const requestId = this.nextId++;
    return new Promise<ReplyMessage>((resolve, reject) => {
      const onAbort = () => {
        if (!this.pending.delete(requestId)) return;
        this.send({ type: 'cancel', requestId });
        reject(new RequestCancelled());
      };
      this.pending.set(requestId, {
        replyType: REPLY_TYPE[message.type],
        resolve: (reply) => {
          signal?.removeEventListener('abort', onAbort);
          resolve(reply);
        },
        reject,
      });
      signal?.addEventListener('abort', onAbort, { once: true });
      this.send({ ...message, requestId } as unknown as RequestMessage);
    });
  }

  /** Hands a reply to its request; false when nothing pending asked for it (stale, cancelled, unasked or of another type). */
  receive(reply: ReplyMessage): boolean {
    const pending = this.pending.get(reply.requestId);
    if (!pending || pending.replyType !== reply.type) return false;
    this.pending.delete(reply.requestId);
    pending.resolve(reply);
    return true;
  }

  /** Requests still waiting for a reply. */
  get inFlight(): number {
    return this.pending.size;
  }
}

/** At most one request of a kind in flight: starting one cancels the one before. */
export class Latest {
  private controller: AbortController | undefined;

  /** A signal for a new request, cancelling the previous one. */
  next(): AbortSignal {
    this.controller?.abort();
    this.controller = new AbortController();
    return this.controller.signal;
  }

  cancel(): void {
    this.controller?.abort();
    this.controller = undefined;
  }
}
