import KeyvRedis, { createClient } from "@keyv/redis";
import type { KeyvStoreAdapter } from "keyv";

/**
 * @keyv/redis with a client we connect ourselves, so start-up fails fast with the real cause (KeyvRedis
 * connects lazily on the first command and, with its default reconnect strategy, retries an unreachable
 * server forever: the first save would hang). After a disconnect it refuses commands instead of silently
 * reconnecting (which would also leave a socket open).
 */
class ClosableKeyvRedis<T> extends KeyvRedis<T> {
  private closed = false;

  override async getClient(): ReturnType<KeyvRedis<T>["getClient"]> {
    if (this.closed) throw new Error("the redis store is closed");
    return super.getClient();
  }

  /** SCAN may return a key twice and a key may vanish between SCAN and MGET: skip the vanished ones. */
  override async *iterator<U = T>(namespace?: string): AsyncGenerator<[string, U | undefined], void, unknown> {
    for await (const [key, value] of super.iterator<U>(namespace)) if (value !== undefined) yield [key, value];
  }

  override async disconnect(force?: boolean): Promise<void> {
    this.closed = true;
    await super.disconnect(force);
  }
}

export async function openRedisAdapter(url: string, connectTimeoutMs: number): Promise<KeyvStoreAdapter> {
  let connected = false;
  const client = createClient({
    url,
    socket: {
      connectTimeout: connectTimeoutMs,
      // at start-up one attempt (the caller reports the cause); once connected, reconnect with backoff
      // (commands wait in the offline queue meanwhile)
      reconnectStrategy: (retries: number, cause: Error) => (connected ? Math.min(2 ** retries * 100, 2_000) : cause),
    },
  });
  let lastError: unknown;
  client.on("error", (error: unknown) => {
    lastError = error; // re-emitted through Keyv once the adapter exists; before that, must not be unhandled
  });
  try {
    await client.connect();
  } catch (error) {
    if (client.isOpen) await client.destroy();
    throw error ?? lastError;
  }
  connected = true;
  return new ClosableKeyvRedis(client, { throwOnErrors: true, throwOnConnectError: true }) as unknown as KeyvStoreAdapter;
}
