/**
 * The file-backed page store: the data file of fixed-size pages, its double-written header, the persistent
 * free-page allocator and the directory lock.
 */
@NullMarked
package dev.pagebox.internal.store;

import org.jspecify.annotations.NullMarked;
