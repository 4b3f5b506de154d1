/**
 * Pagebox: an embedded, durable, ordered key-value store for the JVM. Start with {@code Pagebox.open}.
 *
 * <p>Everything in this package is public API. The engine lives in {@code dev.pagebox.internal.*}, which is
 * not exported and may change at any time.
 *
 * <p>Ordered scans of a {@code PageboxTree} come in two forms over the same range rules ({@code from} inclusive,
 * {@code to} exclusive, null open; {@code *Reverse} from the top down): {@code range} and {@code prefix} hand the
 * visitor copies it may keep; {@code scan} and {@code scanPrefix} hand a {@code ScanVisitor} read-only
 * {@code ByteBuffer} views that are valid only during its call (copy to keep), taken from a private, validated copy
 * of each leaf, so a view never shows a torn entry and a step allocates nothing. {@code PageboxCursor} steps one
 * entry per call.
 */
@NullMarked
package dev.pagebox;

import org.jspecify.annotations.NullMarked;
