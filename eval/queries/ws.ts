import { q, type Library } from '../libraries';

/**
 * Held-out library: its numbers are to be looked at once, after every ranking
 * setting is fixed. ws was picked because it is a widely used Node package whose
 * answers are mostly methods of a few classes (WebSocket, WebSocketServer,
 * Sender, Receiver, PerMessageDeflate) plus small exported helpers
 * (buffer-util, extension, subprotocol, validation), and whose comments are
 * short JSDoc lines, so names carry much of the meaning. The queries were
 * written from ws's README and sources by a query writer who saw no ranking,
 * and committed before any ranking was run on ws (2026-11-28).
 *
 * `parse` exists twice (extension.js and subprotocol.js) and `abortHandshake`
 * twice (client and server); top-level functions have no container to tell
 * them apart, so those expectations accept either copy.
 */
export const WS: Library = {
  name: 'ws (held out)',
  spec: 'ws@8.23.0',
  include: ['/lib/'],
  queries: [
    q('send a text message to the other end', 'WebSocket.send', 'Sender.send'),
    q('heartbeat to find out whether the peer is still there', 'WebSocket.ping', 'Sender.ping'),
    q('reply to a keepalive probe from the other side', 'WebSocket.pong', 'Sender.pong'),
    q('drop the connection right away without waiting for the peer', 'WebSocket.terminate'),
    q('end the connection cleanly with a status code and a reason', 'WebSocket.close', 'Sender.close'),
    q('temporarily stop reading incoming data from a socket', 'WebSocket.pause'),
    q('bytes queued up but not written to the network yet', 'WebSocket.bufferedAmount'),
    q('is the connection still connecting, open or already closed', 'WebSocket.readyState'),
    q('receive binary messages as ArrayBuffer instead of Node buffers', 'WebSocket.binaryType'),
    q('set a handler the browser way that runs once the connection is established', 'WebSocket.onopen', 'EventTarget.addEventListener'),
    q('unsubscribe a listener that was attached with the DOM style API', 'EventTarget.removeEventListener'),
    q('pipe data through a websocket like a normal node stream', 'createWebSocketStream'),
    q('open a client connection to a wss:// url', 'WebSocket', 'WebSocket.constructor', 'initAsClient'),
    q('start a websocket server on port 8080', 'WebSocketServer', 'WebSocketServer.constructor'),
    q('switch an incoming HTTP request from my own http server over to the websocket protocol', 'WebSocketServer.handleUpgrade', 'WebSocketServer.completeUpgrade'),
    q('does this request ask for the path the server was configured with', 'WebSocketServer.shouldHandle'),
    q('which port is the server listening on', 'WebSocketServer.address'),
    q('shut down the server so no more clients can join', 'WebSocketServer.close'),
    q('refuse a handshake by answering with an HTTP error status and closing the socket', 'abortHandshake', 'abortHandshakeOrEmitwsClientError'),
    q('build the header bytes of a frame: opcode, fin bit, masking key and payload length', 'Sender.frame'),
    q('read frames out of the raw incoming byte stream', 'Receiver', 'Receiver._write', 'Receiver.startLoop', 'Receiver.getInfo'),
    q('deflate an outgoing message before it goes on the wire', 'PerMessageDeflate.compress', 'PerMessageDeflate._compress'),
    q('inflate a compressed message received from the peer', 'PerMessageDeflate.decompress', 'PerMessageDeflate._decompress', 'Receiver.decompress'),
    q('server picks compression settings from what the client proposed in the handshake', 'PerMessageDeflate.acceptAsServer', 'PerMessageDeflate.accept'),
    q('parameters a client proposes to turn on compression', 'PerMessageDeflate.offer'),
    q('join several byte chunks into a single buffer', 'concat'),
    q('xor frame payload bytes with the 4-byte key that clients have to apply', 'mask', '_mask', 'unmask', '_unmask'),
    q('turn a string, ArrayBuffer or typed array into a Buffer', 'toBuffer'),
    q('may this number be sent as the reason code of a close frame', 'isValidStatusCode'),
    q('make sure received bytes are well formed utf-8 text', 'isValidUTF8', '_isValidUTF8'),
    q('serialize negotiated extensions and their parameters into a header value', 'format'),
  ],
};
