/*
 * Copyright (C) 2026 Pagebox contributors
 * SPDX-License-Identifier: LGPL-3.0-or-later
 */
package dev.pagebox.internal.nativeio;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The system's transparent-huge-page mode, e.g. {@code always [madvise] never} -> {@code madvise}. */
final class HugePages {
    private HugePages() {}

    static String mode() {
        try {
            String text = Files.readString(Path.of("/sys/kernel/mm/transparent_hugepage/enabled"));
            int open = text.indexOf('[');
            return text.substring(open + 1, text.indexOf(']', open));
        } catch (IOException | RuntimeException e) {
            return "never";
        }
    }
}
