/*
 * Copyright (C) 2026 Pagebox contributors
 * SPDX-License-Identifier: LGPL-3.0-or-later
 */
package dev.pagebox.internal.nativeio;

import java.nio.file.OpenOption;
import java.util.Optional;

/**
 * The JDK's {@code O_DIRECT} open option, {@code com.sun.nio.file.ExtendedOpenOption.DIRECT} in module
 * {@code jdk.unsupported}. It is looked up by name because javac flags every compile-time reference to that
 * package as internal API.
 */
public final class DirectIo {
    private static final Optional<OpenOption> DIRECT = lookup();

    private DirectIo() {}

    /**
     * Returns the option that opens a file for direct I/O: reads and writes bypass the page cache and must
     * use buffers, offsets and lengths aligned to the file system's block size.
     *
     * @return the option, or empty if this JDK does not offer it
     */
    public static Optional<OpenOption> openOption() {
        return DIRECT;
    }

    private static Optional<OpenOption> lookup() {
        try {
            Class<?> type = Class.forName("com.sun.nio.file.ExtendedOpenOption");
            for (Object constant : type.getEnumConstants()) {
                if (constant instanceof OpenOption option && "DIRECT".equals(option.toString())) {
                    return Optional.of(option);
                }
            }
            return Optional.empty();
        } catch (ClassNotFoundException | LinkageError e) {
            return Optional.empty();
        }
    }
}
