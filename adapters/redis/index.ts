// Redis adapters: the cluster's bus and shared rate limits, over one command connection per node.
export { openRedisClient, describeRedisUrl } from './open-redis-client.js';
export type { RedisClientOptions } from './open-redis-client.js';
export { openRedisBus } from './redis-bus.js';
export type { RedisBusOptions } from './redis-bus.js';
export { createRedisRateLimiter } from './redis-rate-limiter.js';
export type { RedisRateLimiterOptions } from './redis-rate-limiter.js';
export { mapRedisError } from './map-redis-error.js';
