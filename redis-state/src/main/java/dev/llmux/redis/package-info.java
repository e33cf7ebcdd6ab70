/**
 * Shared router state and response cache in Redis (Lettuce): cooldowns, per-minute rpm/tpm and failure counters,
 * calls in flight and budget reservations, updated by atomic Lua scripts so limits hold across every instance.
 * {@link dev.llmux.redis.RedisRouterState} plugs into {@link dev.llmux.router.Router.Builder#state}, and
 * {@link dev.llmux.redis.RedisResponseCache} into {@link dev.llmux.router.Router.Builder#cache}.
 */
@NullMarked
package dev.llmux.redis;

import org.jspecify.annotations.NullMarked;
