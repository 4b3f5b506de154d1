/*
 * Copyright (C) 2026 Pagebox contributors
 * SPDX-License-Identifier: LGPL-3.0-or-later
 */
package dev.pagebox.internal.nativeio;

import java.util.Optional;

/** Lazily chooses the {@link NativeIo} implementation once per class loader. */
final class NativeIoHolder {
    private static final System.Logger LOG = System.getLogger(NativeIo.class.getName());

    static final NativeIo INSTANCE = choose();

    private NativeIoHolder() {}

    private static NativeIo choose() {
        Optional<NativeIo> posix = PosixNativeIo.load();
        if (posix.isPresent()) {
            return posix.get();
        }
        return new PortableNativeIo();
    }

    static void warnFallback(String reason) {
        LOG.log(
                System.Logger.Level.WARNING,
                "Pagebox native I/O is unavailable ({0}); using portable memory without MAP_NORESERVE, "
                        + "madvise or CPU pinning. On Linux, run the JVM with --enable-native-access=ALL-UNNAMED "
                        + "(or the module name) to enable it.",
                reason);
    }
}
