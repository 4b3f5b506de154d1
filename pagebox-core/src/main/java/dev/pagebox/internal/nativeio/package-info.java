/**
 * Operating-system services through FFM: address-space reservation, {@code madvise}, CPU affinity and
 * topology, file-system facts. The only package allowed to make restricted FFM calls; every platform without
 * them gets a portable fallback.
 */
@NullMarked
package dev.pagebox.internal.nativeio;

import org.jspecify.annotations.NullMarked;
