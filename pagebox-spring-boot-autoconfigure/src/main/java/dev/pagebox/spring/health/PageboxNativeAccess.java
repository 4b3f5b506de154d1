/*
 * Copyright (C) 2026 Pagebox contributors
 * SPDX-License-Identifier: LGPL-3.0-or-later
 */
package dev.pagebox.spring.health;

import dev.pagebox.NativeAccess;
import dev.pagebox.Pagebox;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * Whether Pagebox's native I/O is in use in this JVM and, if not, what is missing and how to get it: the health
 * detail {@code nativeAccess} and the starter's startup warning both come from here.
 *
 * @param available whether the native calls are in use ({@link NativeAccess#isAvailable()})
 * @param missing what runs without them, why, and how to enable them; null when available
 * @param fixable whether a JVM option enables them (false on a platform without them)
 */
public record PageboxNativeAccess(
        boolean available, @Nullable String missing, boolean fixable) {
    /** What a store does without native access. */
    static final String DEGRADED = "the buffer pool's memory is not reserved with mmap(MAP_NORESERVE), freed pages"
            + " are not returned to the operating system (madvise) and background threads are not pinned to CPUs";

    /**
     * The state of this JVM.
     *
     * @return available, or what is missing
     */
    public static PageboxNativeAccess current() {
        if (NativeAccess.isAvailable()) {
            return new PageboxNativeAccess(true, null, false);
        }
        String os = System.getProperty("os.name", "unknown");
        if (!os.toLowerCase(Locale.ROOT).contains("linux")) {
            return new PageboxNativeAccess(
                    false, DEGRADED + ": Pagebox's native I/O is for Linux and this is " + os, false);
        }
        Module module = Pagebox.class.getModule();
        if (!module.isNativeAccessEnabled()) {
            String name = module.isNamed() ? module.getName() : "ALL-UNNAMED";
            return new PageboxNativeAccess(
                    false,
                    DEGRADED + ": native access is not enabled; start the JVM with --enable-native-access=" + name
                            + " (for java -jar, the jar's manifest entry Enable-Native-Access: " + name + ")",
                    true);
        }
        return new PageboxNativeAccess(
                false,
                DEGRADED + ": the native calls could not be linked; the WARNING logged by"
                        + " dev.pagebox.internal.nativeio.NativeIo at the first open says why",
                false);
    }
}
