const { ensureTemplateDatabase, dropStaleTestDatabases } = require('./test-template-db');

module.exports = async () => {
  await ensureTemplateDatabase();
  await dropStaleTestDatabases();
};
