// The page's side of the webview API, typed to the protocol. Every outgoing
// message is checked with the same guard the host uses, so a bug here shows
// up as a dropped message in the console rather than a confused host.
import { isFromWebviewMessage } from '../src/shared/guards';
import type { FromWebviewMessage } from '../src/shared/protocol';

interface VsCodeApi {
  postMessage(message: unknown): void;
  getState(): unknown;
  setState(state: unknown): void;
}

declare function acquireVsCodeApi(): VsCodeApi;

export interface Host {
  post(message: FromWebviewMessage): void;
  getState(): unknown;
  setState(state: unknown): void;
}

export function connectHost(): Host {
  // acquireVsCodeApi may be called once per page; keep the one handle.
  const api = acquireVsCodeApi();
  return {
    post(message) {
      if (isFromWebviewMessage(message)) api.postMessage(message);
      else console.warn('Latent Map: refusing to post a malformed message', message);
    },
    getState: () => api.getState(),
    setState: (state) => api.setState(state),
  };
}
