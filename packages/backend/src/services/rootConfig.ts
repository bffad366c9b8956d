import {
  coreServices,
  createServiceFactory,
} from '@backstage/backend-plugin-api';
import { Config } from '@backstage/config';
import { ConfigSources } from '@backstage/config-loader';

const SUPPORTED_CLIENTS = ['better-sqlite3', 'pg'];

/**
 * Checks `backend.database` and throws an error that names the offending key
 * and says what would be right. Without it a missing production setting only
 * shows up later as a connection error to some default host.
 */
export function validateDatabaseConfig(config: Config): void {
  const prefix = 'backend.database';
  const database = config.getOptionalConfig(prefix);
  if (!database) {
    throw new Error(
      `Missing required config value at '${prefix}': set client and connection`,
    );
  }
  const client = database.getOptional('client');
  if (typeof client !== 'string' || !SUPPORTED_CLIENTS.includes(client)) {
    throw new Error(
      `Invalid config value at '${prefix}.client': got ${JSON.stringify(
        client,
      )}, expected one of ${SUPPORTED_CLIENTS.join(', ')}`,
    );
  }
  const connection = database.getOptional('connection');
  if (client === 'better-sqlite3') {
    return;
  }
  if (typeof connection === 'string') {
    if (!/^postgres(ql)?:\/\//.test(connection)) {
      throw new Error(
        `Invalid config value at '${prefix}.connection': expected a postgresql:// connection string or an object with host, port, user and password`,
      );
    }
    return;
  }
  if (typeof connection !== 'object' || connection === null) {
    throw new Error(
      `Missing required config value at '${prefix}.connection': set host, port, user and password (POSTGRES_HOST, POSTGRES_PORT, POSTGRES_USER, POSTGRES_PASSWORD)`,
    );
  }
  // Read from the merged value: a lower layer (app-config.yaml) may hold a
  // SQLite connection string under the same key.
  const settings = connection as Record<string, unknown>;
  for (const key of ['host', 'user', 'password']) {
    const value = settings[key];
    if (typeof value !== 'string' || value.trim() === '') {
      throw new Error(
        `Missing required config value at '${prefix}.connection.${key}': set POSTGRES_${key.toUpperCase()}`,
      );
    }
  }
  const port = settings.port;
  const portNumber = typeof port === 'string' ? Number(port) : port;
  if (
    typeof portNumber !== 'number' ||
    !Number.isInteger(portNumber) ||
    portNumber < 1 ||
    portNumber > 65535
  ) {
    throw new Error(
      `Invalid config value at '${prefix}.connection.port': got ${JSON.stringify(
        port,
      )}, expected a port number between 1 and 65535 (POSTGRES_PORT)`,
    );
  }
}

/** The default root config service, plus the checks above. */
export const rootConfigServiceFactory = createServiceFactory({
  service: coreServices.rootConfig,
  deps: {},
  async factory() {
    const source = ConfigSources.default({});
    const config = await ConfigSources.toConfig(source);
    validateDatabaseConfig(config);
    return config;
  },
});
