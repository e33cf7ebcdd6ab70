/**
 * Internals of the starter: property mapping, metrics, observations and health; not API.
 */
@NullMarked
package dev.llmux.spring.boot.internal;

import org.jspecify.annotations.NullMarked;
