/**
 * The floor of any HTTP answer on this machine: a node:http server that reads the request body
 * and answers 204, nothing else. Run as a child by the HTTP bench: PORT and HOST from the env.
 */
import http from 'node:http';

http
  .createServer((request, response) => {
    request.resume();
    request.on('end', () => {
      response.statusCode = 204;
      response.end();
    });
  })
  .listen(Number(process.env.PORT), process.env.HOST ?? '127.0.0.1');
