/**
 * Off-heap memory ownership (the pool's one reservation) and the exact-width atomic word operations every
 * higher layer uses on it.
 */
@NullMarked
package dev.pagebox.internal.mem;

import org.jspecify.annotations.NullMarked;
