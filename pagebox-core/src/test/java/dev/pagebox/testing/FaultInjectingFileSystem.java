/*
 * Copyright (C) 2026 Pagebox contributors
 * SPDX-License-Identifier: LGPL-3.0-or-later
 */
package dev.pagebox.testing;

import dev.pagebox.DiskFullException;
import dev.pagebox.FileChannelFactory;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;

/**
 * A {@link FileChannelFactory} over real files that injects I/O failures and simulates crashes, for tests of
 * what the store does when the disk misbehaves.
 *
 * <p><b>Faults.</b> {@link #failWhen} installs a rule: every matching operation on a matching file throws the
 * rule's exception until the rule is removed. {@link #diskFullAfter} makes writes fail with {@code ENOSPC}
 * once a byte budget is used up. A rule can also tear a write: part of the bytes reach the file, then the
 * call throws.
 *
 * <p><b>Crashes.</b> Every write remembers the bytes it overwrote (an undo record) until the file is forced;
 * {@link #crash(CrashMode)} then rolls back what a power loss could lose: all unforced writes
 * ({@link CrashMode#DROP_UNSYNCED}), none ({@link CrashMode#KEEP_ALL}, a process kill), or a random subset of
 * their 512-byte sectors ({@link CrashMode#TEAR}). After a crash every open channel fails, like the dead
 * process's descriptors; reopening through the same factory sees the post-crash files. Creating a file and
 * its directory entry are treated as durable, and so are writes through a channel opened with {@code DSYNC}
 * or {@code SYNC}.
 */
public final class FaultInjectingFileSystem implements FileChannelFactory {

    /** What a crash keeps of the writes that were not forced. */
    public enum CrashMode {
        /** Power loss after nothing reached the device: every unforced write is undone. */
        DROP_UNSYNCED,
        /** Process kill: the kernel keeps every write. */
        KEEP_ALL,
        /** Power loss mid-writeback: each unforced 512-byte sector independently survives or not. */
        TEAR
    }

    /** The operations a fault rule can match. */
    public enum Operation {
        READ,
        WRITE,
        FORCE,
        TRUNCATE
    }

    /** One installed fault rule; {@link #remove()} uninstalls it. */
    public final class Rule {
        private final Operation operation;
        private final Predicate<Path> files;
        private final @Nullable IOException failure;
        private final int tornBytes;
        private final AtomicLong hits = new AtomicLong();

        private final @Nullable Runnable action;

        private Rule(Operation operation, Predicate<Path> files, IOException failure, int tornBytes) {
            this(operation, files, failure, tornBytes, null);
        }

        private Rule(
                Operation operation,
                Predicate<Path> files,
                @Nullable IOException failure,
                int tornBytes,
                @Nullable Runnable action) {
            this.operation = operation;
            this.files = files;
            this.failure = failure;
            this.tornBytes = tornBytes;
            this.action = action;
        }

        /** How many operations this rule has failed. */
        public long hits() {
            return hits.get();
        }

        /** Uninstalls the rule. */
        public void remove() {
            rules.remove(this);
        }
    }

    private static final int SECTOR = 512;

    private final List<Rule> rules = new CopyOnWriteArrayList<>();
    private final Map<Path, FileState> files = new ConcurrentHashMap<>();
    private final List<FaultyChannel> open = new CopyOnWriteArrayList<>();
    private final Random random;
    private final AtomicLong writeBudget = new AtomicLong(Long.MAX_VALUE);
    private final AtomicLong forces = new AtomicLong();
    private volatile int generation;

    /**
     * Creates a file system with no faults.
     *
     * @param seed seeds the choices of {@link CrashMode#TEAR}
     */
    public FaultInjectingFileSystem(long seed) {
        this.random = new Random(seed);
    }

    /** An {@code EIO}-like failure as the JDK reports it. */
    public static IOException ioError() {
        return new IOException("Input/output error");
    }

    /** An {@code ENOSPC} failure as the JDK reports it. */
    public static IOException diskFull() {
        return new IOException("No space left on device");
    }

    /**
     * Fails every matching operation until the rule is removed.
     *
     * @param operation the operation to fail
     * @param files which files (absolute, normalised paths)
     * @param failure the exception to throw; the same instance is thrown each time
     * @return the rule
     */
    public Rule failWhen(Operation operation, Predicate<Path> files, IOException failure) {
        return install(new Rule(operation, files, failure, 0));
    }

    /**
     * Tears every matching write: its first {@code bytesWritten} bytes reach the file, then it fails.
     *
     * @param files which files
     * @param bytesWritten how much of each write gets through
     * @param failure the exception to throw
     * @return the rule
     */
    public Rule tearWrites(Predicate<Path> files, int bytesWritten, IOException failure) {
        return install(new Rule(Operation.WRITE, files, failure, bytesWritten));
    }

    /**
     * Runs {@code action} in the calling thread before every matching operation, until the rule is removed (the
     * action may remove it, or crash the file system): to make something happen at an exact point, such as a
     * checkpoint between two steps of a batch.
     *
     * @param operation the operation to intercept
     * @param files which files
     * @param action what to run
     * @return the rule
     */
    public Rule before(Operation operation, Predicate<Path> files, Runnable action) {
        return install(new Rule(operation, files, null, 0, action));
    }

    /**
     * Lets {@code bytes} more bytes be written in total, then fails writes with {@code ENOSPC}.
     *
     * @param bytes the remaining budget
     */
    public void diskFullAfter(long bytes) {
        writeBudget.set(bytes);
    }

    /** Removes every rule and the disk-full budget. */
    public void clearFaults() {
        rules.clear();
        writeBudget.set(Long.MAX_VALUE);
    }

    /** The number of successful {@code force} calls so far. */
    public long forces() {
        return forces.get();
    }

    /**
     * Simulates a crash: rolls back unforced writes as {@code mode} says and kills every open channel.
     *
     * @param mode what survives
     * @throws IOException if the files cannot be rolled back
     */
    public synchronized void crash(CrashMode mode) throws IOException {
        generation++;
        for (FaultyChannel channel : open) {
            channel.kill();
        }
        open.clear();
        for (Map.Entry<Path, FileState> entry : files.entrySet()) {
            entry.getValue().rollBack(entry.getKey(), mode, random);
        }
        files.clear();
    }

    @Override
    public FileChannel open(Path path, Set<? extends OpenOption> options) throws IOException {
        Path file = path.toAbsolutePath().normalize();
        // Undo records read what a write overwrites, so the real channel must be readable too.
        Set<OpenOption> realOptions = new java.util.HashSet<>(options);
        if (options.contains(StandardOpenOption.WRITE) && !options.contains(StandardOpenOption.APPEND)) {
            realOptions.add(StandardOpenOption.READ);
        }
        FileChannel real = FileChannel.open(file, realOptions);
        FileState state = files.computeIfAbsent(file, p -> new FileState());
        boolean syncWrites = options.contains(StandardOpenOption.DSYNC) || options.contains(StandardOpenOption.SYNC);
        FaultyChannel channel = new FaultyChannel(this, file, real, state, generation, syncWrites);
        open.add(channel);
        return channel;
    }

    /**
     * The simulated device's free space: none while a rule fails writes with {@code ENOSPC}, at most the
     * {@link #diskFullAfter} budget, else the real file system's.
     */
    @Override
    public long usableSpace(Path directory) throws IOException {
        for (Rule rule : rules) {
            if (rule.failure != null && DiskFullException.isDiskFull(rule.failure)) {
                return 0;
            }
        }
        return Math.min(FileChannelFactory.super.usableSpace(directory), writeBudget.get());
    }

    private Rule install(Rule rule) {
        rules.add(rule);
        return rule;
    }

    void checkAlive(int channelGeneration) throws IOException {
        if (channelGeneration != generation) {
            throw new IOException("simulated crash: the process that opened this channel is gone");
        }
    }

    /** Runs the actions of the {@link #before} rules that match. */
    void runActions(Operation operation, Path file) {
        for (Rule rule : rules) {
            if (rule.action != null && rule.operation == operation && rule.files.test(file)) {
                rule.hits.incrementAndGet();
                rule.action.run();
            }
        }
    }

    /** Throws the failure of the first matching rule, if any. */
    void maybeFail(Operation operation, Path file) throws IOException {
        for (Rule rule : rules) {
            if (rule.action == null && rule.operation == operation && rule.tornBytes == 0 && rule.files.test(file)) {
                rule.hits.incrementAndGet();
                throw rule.failure;
            }
        }
    }

    /** The torn-write rule for this file, or null. */
    Rule tearRule(Path file) {
        for (Rule rule : rules) {
            if (rule.tornBytes > 0 && rule.action == null && rule.files.test(file)) {
                return rule;
            }
        }
        return null;
    }

    int tornBytes(Rule rule) {
        return rule.tornBytes;
    }

    void fail(Rule rule) throws IOException {
        rule.hits.incrementAndGet();
        throw rule.failure;
    }

    void chargeWrite(int bytes) throws IOException {
        long left = writeBudget.addAndGet(-bytes);
        if (left < 0) {
            writeBudget.addAndGet(bytes);
            throw diskFull();
        }
    }

    void forced() {
        forces.incrementAndGet();
    }

    void closed(FaultyChannel channel) {
        open.remove(channel);
    }

    /** Undo records of one file's unforced writes, shared by every channel open on it. */
    static final class FileState {
        private record Undo(long position, byte[] before, long sizeBefore, int length) {}

        private final List<Undo> undo = new ArrayList<>();

        synchronized void beforeWrite(FileChannel real, long position, int length) throws IOException {
            long size = real.size();
            int overlap = (int) Math.max(0, Math.min(length, size - position));
            ByteBuffer before = ByteBuffer.allocate(overlap);
            while (before.hasRemaining()) {
                if (real.read(before, position + before.position()) < 0) {
                    break;
                }
            }
            undo.add(new Undo(position, before.array(), size, length));
        }

        synchronized void beforeTruncate(FileChannel real, long newSize) throws IOException {
            long size = real.size();
            if (newSize >= size) {
                return;
            }
            int length = Math.toIntExact(size - newSize);
            beforeWrite(real, newSize, length);
        }

        synchronized void forced() {
            undo.clear();
        }

        synchronized void rollBack(Path file, CrashMode mode, Random random) throws IOException {
            if (mode == CrashMode.KEEP_ALL || undo.isEmpty() || !Files.exists(file)) {
                // A file deleted before the crash stays deleted (deletes are treated as durable).
                undo.clear();
                return;
            }
            try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
                for (int i = undo.size() - 1; i >= 0; i--) {
                    Undo record = undo.get(i);
                    if (mode == CrashMode.DROP_UNSYNCED) {
                        restore(channel, record, 0, record.length);
                        if (channel.size() > record.sizeBefore) {
                            channel.truncate(record.sizeBefore);
                        }
                    } else {
                        for (int offset = 0; offset < record.length; offset += SECTOR) {
                            if (random.nextBoolean()) {
                                restore(channel, record, offset, Math.min(SECTOR, record.length - offset));
                            }
                        }
                    }
                }
            }
            undo.clear();
        }

        /** Puts back what the write overwrote in [offset, offset+length); bytes past the old end become 0. */
        private static void restore(FileChannel channel, Undo record, int offset, int length) throws IOException {
            ByteBuffer bytes = ByteBuffer.allocate(length);
            for (int i = 0; i < length; i++) {
                int at = offset + i;
                bytes.put(at < record.before.length ? record.before[at] : 0);
            }
            bytes.flip();
            long position = record.position + offset;
            if (position >= channel.size()) {
                return;
            }
            while (bytes.hasRemaining()) {
                channel.write(bytes, position + bytes.position());
            }
        }
    }
}
