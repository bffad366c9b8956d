import { TestDatabases } from '@backstage/backend-test-utils';

/**
 * The databases every storage test runs on. `scripts/test.sh` provides a
 * PostgreSQL 15 and sets GOLDENPATH_REQUIRE_POSTGRES, so a missing PostgreSQL
 * fails the run instead of silently testing SQLite alone.
 */
export function createTestDatabases(): TestDatabases {
  const databases = TestDatabases.create({
    ids: ['SQLITE_3', 'POSTGRES_15'],
    disableDocker: true,
  });
  if (
    process.env.GOLDENPATH_REQUIRE_POSTGRES &&
    !databases.supports('POSTGRES_15')
  ) {
    throw new Error(
      'PostgreSQL 15 is required but BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING is not set; run the tests through scripts/test.sh',
    );
  }
  return databases;
}
