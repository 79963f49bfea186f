import { writeFileSync } from 'node:fs';
import { startApiTestApp, type ApiTestContext } from '../../../../test/support/api-test-app';
let ctx: ApiTestContext;
beforeAll(async () => { ctx = await startApiTestApp(); });
afterAll(async () => ctx.close());
it('dumps', async () => {
  const doc = (await ctx.http.get('/api/v1/openapi.json')).body;
  writeFileSync(process.env.DUMP_TO ?? '/tmp/openapi.json', JSON.stringify(doc, null, 2));
  expect(doc.paths).toBeDefined();
});
