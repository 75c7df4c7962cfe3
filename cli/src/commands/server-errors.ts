import { ConfigError, DomainError, KeyringError, StoreUnavailableError } from '@aman/server';
import { CliError, EXIT_FAILURE, EXIT_USAGE } from '../cli-error.ts';

/**
 * Runs a server operation; its expected failures (bad environment, unreachable database, missing
 * or wrong keys, refused requests) become CLI errors with a plain message.
 */
export async function serverFailure<T>(operation: () => Promise<T>): Promise<T> {
  try {
    return await operation();
  } catch (error) {
    if (error instanceof ConfigError) throw new CliError(error.message, EXIT_USAGE);
    if (error instanceof DomainError) throw new CliError(error.message, EXIT_FAILURE);
    if (error instanceof StoreUnavailableError || error instanceof KeyringError) {
      throw new CliError(error.message, EXIT_FAILURE);
    }
    throw error;
  }
}
