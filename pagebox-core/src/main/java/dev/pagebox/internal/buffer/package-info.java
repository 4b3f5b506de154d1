/**
 * The buffer pool: page frames in one address-space reservation, swizzled child references, LeanStore-style
 * cooling eviction under a memory budget, and write-back that respects write-ahead logging.
 */
@NullMarked
package dev.pagebox.internal.buffer;

import org.jspecify.annotations.NullMarked;
