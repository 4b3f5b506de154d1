/*
 * Copyright (C) 2026 Pagebox contributors
 * SPDX-License-Identifier: LGPL-3.0-or-later
 */
package dev.pagebox;

import dev.pagebox.internal.nativeio.NativeIo;

/** Whether Pagebox makes its native calls in this JVM, for monitoring and startup checks. */
public final class NativeAccess {
    private NativeAccess() {}

    /**
     * Tells whether Pagebox's native I/O is in use in this JVM: the buffer pool's memory reserved with
     * {@code mmap(MAP_NORESERVE)}, freed pages returned with {@code madvise}, background threads pinned to CPUs.
     * It needs Linux and native access enabled for Pagebox's module ({@code --enable-native-access=ALL-UNNAMED} on
     * the class path, or {@code Enable-Native-Access: ALL-UNNAMED} in an executable jar's manifest). Without it,
     * stores run on memory the JVM allocates and do not pin threads; the first store opened logs a WARNING saying
     * why.
     *
     * @return true if the native calls are linked and in use
     */
    public static boolean isAvailable() {
        return NativeIo.system().isNative();
    }
}
