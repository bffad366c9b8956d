import { ConfigReader } from '@backstage/config';
import { validateDatabaseConfig } from './rootConfig';

const pg = (connection: unknown) =>
  new ConfigReader({
    backend: { database: { client: 'pg', connection: connection as any } },
  });

describe('validateDatabaseConfig', () => {
  it('accepts the local SQLite default and a complete PostgreSQL setting', () => {
    expect(() =>
      validateDatabaseConfig(
        new ConfigReader({
          backend: {
            database: { client: 'better-sqlite3', connection: ':memory:' },
          },
        }),
      ),
    ).not.toThrow();
    expect(() =>
      validateDatabaseConfig(
        pg({ host: 'db', port: '5432', user: 'portal', password: 's3cret' }),
      ),
    ).not.toThrow();
    expect(() =>
      validateDatabaseConfig(pg('postgresql://portal:s3cret@db:5432/portal')),
    ).not.toThrow();
  });

  it.each([
    [
      { port: 5432, user: 'u', password: 'p' },
      'backend.database.connection.host',
    ],
    [
      { host: 'db', port: 5432, password: 'p' },
      'backend.database.connection.user',
    ],
    [
      { host: 'db', port: 5432, user: 'u' },
      'backend.database.connection.password',
    ],
    [
      { host: 'db', port: 'abc', user: 'u', password: 'p' },
      'backend.database.connection.port',
    ],
    [
      { host: 'db', port: 70000, user: 'u', password: 'p' },
      'backend.database.connection.port',
    ],
    ['mysql://db', 'backend.database.connection'],
  ])('names the key when the setting is wrong: %p', (connection, key) => {
    expect(() => validateDatabaseConfig(pg(connection))).toThrow(`'${key}'`);
  });

  it('names the client key for an unsupported client', () => {
    expect(() =>
      validateDatabaseConfig(
        new ConfigReader({ backend: { database: { client: 'mysql2' } } }),
      ),
    ).toThrow("'backend.database.client'");
  });
});
