/**
 * The hybrid latch (optimistic, shared, exclusive over one 64-bit word) and the parking lot it blocks in.
 */
@NullMarked
package dev.pagebox.internal.latch;

import org.jspecify.annotations.NullMarked;
