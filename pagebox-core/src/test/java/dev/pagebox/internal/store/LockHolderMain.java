/*
 * Copyright (C) 2026 Pagebox contributors
 * SPDX-License-Identifier: LGPL-3.0-or-later
 */
package dev.pagebox.internal.store;

import java.nio.file.Path;

/** Child process of {@link DirectoryLockProcessTest}: opens a store, says so, and holds it until killed. */
public final class LockHolderMain {
    private LockHolderMain() {}

    public static void main(String[] args) throws Exception {
        PageStore store = PageStore.open(Path.of(args[0]), PageStoreConfig.of(4096));
        System.out.println("LOCKED " + ProcessHandle.current().pid());
        System.out.flush();
        // Hold the store until the parent kills us or closes our stdin.
        while (System.in.read() >= 0) {
            // keep reading
        }
        store.close();
    }
}
