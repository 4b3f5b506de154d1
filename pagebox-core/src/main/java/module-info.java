/*
 * Copyright (C) 2026 Pagebox contributors
 * SPDX-License-Identifier: LGPL-3.0-or-later
 */
/** Pagebox, an embedded storage engine: the public API is the package {@code dev.pagebox}. */
module dev.pagebox {
    requires static transitive org.jspecify;
    requires jdk.unsupported;

    exports dev.pagebox;
}
