/**
 * Pagebox: an embedded, durable, ordered key-value store for the JVM. Start with {@code Pagebox.open}.
 *
 * <p>Everything in this package is public API. The engine lives in {@code dev.pagebox.internal.*}, which is
 * not exported and may change at any time.
 */
@NullMarked
package dev.pagebox;

import org.jspecify.annotations.NullMarked;
