/*
 * Copyright (C) 2026 Pagebox contributors
 * SPDX-License-Identifier: LGPL-3.0-or-later
 */
package dev.pagebox.internal.nativeio;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.foreign.SymbolLookup;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.VarHandle;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

/**
 * Linux implementation of {@link NativeIo} through the FFM API. This is the only class in Pagebox that makes
 * restricted FFM calls ({@code downcallHandle}, {@code reinterpret}); the constants are the Linux x86-64 and
 * aarch64 values.
 */
final class PosixNativeIo implements NativeIo {
    private static final int PROT_READ = 0x1;
    private static final int PROT_WRITE = 0x2;
    private static final int MAP_PRIVATE = 0x02;
    private static final int MAP_ANONYMOUS = 0x20;
    private static final int MAP_NORESERVE = 0x4000;
    private static final int MADV_DONTNEED = 4;
    private static final int MADV_DONTFORK = 10;
    private static final int MADV_HUGEPAGE = 14;
    private static final int SC_PAGESIZE = 30;
    private static final long MAP_FAILED = -1L;
    private static final int O_WRONLY = 0x1;
    private static final int O_CLOEXEC = 0x80000;
    private static final int EOPNOTSUPP = 95;
    private static final int ENOSYS = 38;

    private static final Linker LINKER = Linker.nativeLinker();
    private static final StructLayout CALL_STATE = Linker.Option.captureStateLayout();
    private static final VarHandle ERRNO =
            CALL_STATE.varHandle(MemoryLayout.PathElement.groupElement("errno")).withInvokeExactBehavior();

    private final MethodHandle mmap;
    private final MethodHandle munmap;
    private final MethodHandle madvise;
    private final MethodHandle schedSetAffinity;
    private final MethodHandle schedGetAffinity;
    private final MethodHandle schedGetCpu;
    private final MethodHandle open;
    private final MethodHandle fallocate;
    private final MethodHandle close;
    private final long osPageSize;

    private PosixNativeIo(SymbolLookup libc) throws Throwable {
        Linker.Option errno = Linker.Option.captureCallState("errno");
        ValueLayout address = ValueLayout.ADDRESS;
        ValueLayout sizeT = ValueLayout.JAVA_LONG;
        ValueLayout cInt = ValueLayout.JAVA_INT;
        mmap = downcall(
                libc,
                "mmap",
                FunctionDescriptor.of(address, address, sizeT, cInt, cInt, cInt, ValueLayout.JAVA_LONG),
                errno);
        munmap = downcall(libc, "munmap", FunctionDescriptor.of(cInt, address, sizeT), errno);
        madvise = downcall(libc, "madvise", FunctionDescriptor.of(cInt, address, sizeT, cInt), errno);
        schedSetAffinity =
                downcall(libc, "sched_setaffinity", FunctionDescriptor.of(cInt, cInt, sizeT, address), errno);
        schedGetAffinity =
                downcall(libc, "sched_getaffinity", FunctionDescriptor.of(cInt, cInt, sizeT, address), errno);
        schedGetCpu = downcall(libc, "sched_getcpu", FunctionDescriptor.of(cInt));
        open = downcall(
                libc,
                "open",
                FunctionDescriptor.of(cInt, address, cInt, cInt),
                errno,
                Linker.Option.firstVariadicArg(2));
        fallocate = downcall(
                libc,
                "fallocate",
                FunctionDescriptor.of(cInt, cInt, cInt, ValueLayout.JAVA_LONG, ValueLayout.JAVA_LONG),
                errno);
        close = downcall(libc, "close", FunctionDescriptor.of(cInt, cInt), errno);
        MethodHandle sysconf = downcall(libc, "sysconf", FunctionDescriptor.of(ValueLayout.JAVA_LONG, cInt));
        osPageSize = (long) sysconf.invokeExact(SC_PAGESIZE);
    }

    /** Links the native calls, or explains in one WARNING why they are unavailable. */
    static Optional<NativeIo> load() {
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        if (!os.contains("linux")) {
            NativeIoHolder.warnFallback("not Linux: " + os);
            return Optional.empty();
        }
        if (!PosixNativeIo.class.getModule().isNativeAccessEnabled()) {
            NativeIoHolder.warnFallback("native access is not enabled for " + PosixNativeIo.class.getModule());
            return Optional.empty();
        }
        try {
            return Optional.of(new PosixNativeIo(LINKER.defaultLookup()));
        } catch (Throwable e) {
            NativeIoHolder.warnFallback(e.toString());
            return Optional.empty();
        }
    }

    @SuppressWarnings("restricted")
    private static MethodHandle downcall(
            SymbolLookup libc, String name, FunctionDescriptor descriptor, Linker.Option... options) {
        MemorySegment symbol =
                libc.find(name).orElseThrow(() -> new UnsupportedOperationException("no libc symbol " + name));
        return LINKER.downcallHandle(symbol, descriptor, options);
    }

    @Override
    public boolean isNative() {
        return true;
    }

    @Override
    public long osPageSize() {
        return osPageSize;
    }

    @Override
    @SuppressWarnings("restricted")
    public MemorySegment reserve(long byteSize, Arena arena) {
        checkPageMultiple(byteSize);
        try (Arena call = Arena.ofConfined()) {
            MemorySegment state = call.allocate(CALL_STATE);
            MemorySegment start = (MemorySegment) mmap.invokeExact(
                    state,
                    MemorySegment.NULL,
                    byteSize,
                    PROT_READ | PROT_WRITE,
                    MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE,
                    -1,
                    0L);
            if (start.address() == MAP_FAILED) {
                throw new OutOfMemoryError("mmap of " + byteSize + " bytes failed, errno " + errno(state));
            }
            long address = start.address();
            return start.reinterpret(byteSize, arena, unused -> unmap(address, byteSize));
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException("mmap call failed", e);
        }
    }

    @SuppressWarnings("restricted")
    private void unmap(long address, long byteSize) {
        try (Arena call = Arena.ofConfined()) {
            MemorySegment state = call.allocate(CALL_STATE);
            int result = (int) munmap.invokeExact(state, MemorySegment.ofAddress(address), byteSize);
            if (result != 0) {
                throw new IllegalStateException("munmap failed, errno " + errno(state));
            }
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException("munmap call failed", e);
        }
    }

    @Override
    public void adviseDontNeed(MemorySegment region) {
        if (!advise(region, MADV_DONTNEED)) {
            throw new IllegalStateException("madvise(MADV_DONTNEED) failed for " + region);
        }
    }

    @Override
    public boolean adviseHugePages(MemorySegment region) {
        return advise(region, MADV_HUGEPAGE);
    }

    @Override
    public boolean adviseDontFork(MemorySegment region) {
        return advise(region, MADV_DONTFORK);
    }

    private boolean advise(MemorySegment region, int advice) {
        checkPageMultiple(region.address());
        try (Arena call = Arena.ofConfined()) {
            MemorySegment state = call.allocate(CALL_STATE);
            int result = (int) madvise.invokeExact(state, region, region.byteSize(), advice);
            return result == 0;
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException("madvise call failed", e);
        }
    }

    @Override
    public boolean pinCurrentThread(CpuSet cpus) {
        if (Thread.currentThread().isVirtual()) {
            throw new IllegalStateException("cannot pin a virtual thread: its carrier thread is shared");
        }
        if (cpus.isEmpty()) {
            throw new IllegalArgumentException("cannot pin a thread to an empty CPU set");
        }
        try (Arena call = Arena.ofConfined()) {
            MemorySegment state = call.allocate(CALL_STATE);
            MemorySegment mask = call.allocate(CpuSet.MASK_BYTES, Long.BYTES);
            cpus.writeMask(mask);
            int result = (int) schedSetAffinity.invokeExact(state, 0, CpuSet.MASK_BYTES, mask);
            return result == 0;
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException("sched_setaffinity call failed", e);
        }
    }

    @Override
    public Optional<CpuSet> currentThreadAffinity() {
        try (Arena call = Arena.ofConfined()) {
            MemorySegment state = call.allocate(CALL_STATE);
            MemorySegment mask = call.allocate(CpuSet.MASK_BYTES, Long.BYTES);
            int result = (int) schedGetAffinity.invokeExact(state, 0, CpuSet.MASK_BYTES, mask);
            return result == 0 ? Optional.of(CpuSet.readMask(mask)) : Optional.empty();
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException("sched_getaffinity call failed", e);
        }
    }

    @Override
    public int currentCpu() {
        try {
            return (int) schedGetCpu.invokeExact();
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException("sched_getcpu call failed", e);
        }
    }

    @Override
    public int allocateFileRange(Path file, long offset, long length) {
        try (Arena call = Arena.ofConfined()) {
            MemorySegment state = call.allocate(CALL_STATE);
            MemorySegment path = call.allocateFrom(file.toString());
            int fd = (int) open.invokeExact(state, path, O_WRONLY | O_CLOEXEC, 0);
            if (fd < 0) {
                return errno(state);
            }
            try {
                int result = (int) fallocate.invokeExact(state, fd, 0, offset, length);
                if (result == 0) {
                    return 0;
                }
                int error = errno(state);
                return error == EOPNOTSUPP || error == ENOSYS ? UNSUPPORTED : error;
            } finally {
                int ignored = (int) close.invokeExact(state, fd);
            }
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException("fallocate call failed", e);
        }
    }

    private void checkPageMultiple(long value) {
        if (value <= 0 || value % osPageSize != 0) {
            throw new IllegalArgumentException(value + " is not a positive multiple of the OS page size " + osPageSize);
        }
    }

    private static int errno(MemorySegment state) {
        return (int) ERRNO.get(state, 0L);
    }
}
