/**
 * Page-level vocabulary: page ids, log sequence numbers, page types and the on-disk page header layout.
 */
@NullMarked
package dev.pagebox.internal.page;

import org.jspecify.annotations.NullMarked;
