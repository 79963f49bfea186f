// The baseline for the api-overhead benchmark: a bare NestJS (Express) app with
// one GET route and nothing else — no auth, no rate limit, no database. Written
// without decorator syntax so it runs with plain node.
const { Controller, Get, Module } = require('@nestjs/common');
const { NestFactory } = require('@nestjs/core');

class PingController {
  ping() {
    return { status: 'ok' };
  }
}
Controller()(PingController);
Get('ping')(PingController.prototype, 'ping', Object.getOwnPropertyDescriptor(PingController.prototype, 'ping'));

class BareModule {}
Module({ controllers: [PingController] })(BareModule);

async function main() {
  const app = await NestFactory.create(BareModule, { logger: false });
  await app.listen(Number(process.argv[2] || 0), '127.0.0.1');
  process.stdout.write(`listening ${app.getHttpServer().address().port}\n`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
