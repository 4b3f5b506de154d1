/**
 * Swips: the 64-bit child references of LeanStore, encoding a hot frame, a cooling frame or an evicted page id.
 */
@NullMarked
package dev.pagebox.internal.swip;

import org.jspecify.annotations.NullMarked;
