import { q, type Library } from '../libraries';

/**
 * express 4: a tuning library whose answers are methods hung on a few
 * prototype objects (`app.use = function use(...)` assignments), so the
 * extractor names them by container: `app.*`, `req.*`, `res.*`, the router's
 * `proto.*`, `Route.*`, `View.*`. Aliases made by chained assignment
 * (`res.set = res.header = ...`, `req.get = req.header = ...`) and the
 * HTTP-verb methods made in a `methods.forEach` loop (`app.get`, `app.post`)
 * are not separate symbols, so queries about them expect the one symbol that
 * carries the body. Written on 2026-11-28 from express's API reference and
 * source by a query writer who saw no ranking of any kind.
 */
export const EXPRESS: Library = {
  name: 'express',
  spec: 'express@4.21.2',
  include: ['/lib/'],
  queries: [
    q('send the browser to another page', 'res.redirect'),
    q('reply with only a code like 404 and its standard text', 'res.sendStatus'),
    q('choose the HTTP code of the reply before writing the body', 'res.status'),
    q('return an object to an API client as JSON', 'res.json', 'res.jsonp', 'res.send'),
    q('make the browser save the file instead of opening it', 'res.download', 'res.attachment'),
    q('stream a file from disk as the response', 'res.sendFile', 'res.sendfile', 'sendfile'),
    q('remember something on the client in a cookie', 'res.cookie'),
    q('log the user out by removing their session cookie', 'res.clearCookie'),
    q('run a function for every incoming request, like logging or auth checks', 'app.use', 'proto.use'),
    q('handler for a path no matter which HTTP verb is used', 'app.all', 'Route.all'),
    q('chain get, post and put handlers on one path without repeating the path', 'app.route', 'proto.route'),
    q('load the user from the database whenever a route has an :id placeholder', 'app.param', 'proto.param'),
    q('start accepting connections on a port', 'app.listen'),
    q('use handlebars or pug for templates with a given file extension', 'app.engine'),
    q('fill an HTML template with data and send it back', 'res.render'),
    q('produce HTML from a view without sending it, for example to put in an email', 'app.render', 'View.render'),
    q('find the template file on disk for a view name', 'View.lookup', 'View.resolve'),
    q('turn off the x-powered-by header', 'app.disable', 'app.set'),
    q('check whether an app option is switched on or off', 'app.enabled', 'app.disabled'),
    q('how do I read the Authorization header of a request', 'req.header'),
    q('does the client prefer HTML or JSON', 'req.accepts', 'res.format'),
    q('answer differently depending on the content type the client asks for', 'res.format'),
    q('which language does the browser want', 'req.acceptsLanguages'),
    q('check that an uploaded body is JSON by looking at its content type', 'req.is'),
    q('set the Content-Type from a file extension like png', 'res.type'),
    q('add another value to a response header without overwriting what is there', 'res.append'),
    q('pagination links for the next and last page in a header', 'res.links'),
    q('create a new web app', 'createApplication'),
    q('a separate group of routes that can be mounted like a mini application', 'router'),
    q('turn ?a=1&b=2 into an object on the request', 'query', 'parseExtendedQueryString', 'compileQueryParser'),
    q('get a route parameter from the URL, the body or the query string', 'req.param'),
  ],
};
