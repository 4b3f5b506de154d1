/*
 * Copyright (C) 2026 Pagebox contributors
 * SPDX-License-Identifier: LGPL-3.0-or-later
 */
package dev.pagebox.internal.btree;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pagebox.CommitMode;
import dev.pagebox.PageboxStats;
import dev.pagebox.internal.buffer.BufferPool;
import dev.pagebox.internal.buffer.BufferPoolConfig;
import java.lang.foreign.ValueLayout;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Arrays;
import java.util.NavigableMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import org.jetbrains.lincheck.datastructures.BooleanGen;
import org.jetbrains.lincheck.datastructures.IntGen;
import org.jetbrains.lincheck.datastructures.Operation;
import org.jetbrains.lincheck.datastructures.Param;
import org.jetbrains.lincheck.datastructures.StressOptions;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Lincheck (stress mode) checks that point operations and bounded scans of the tree are linearizable, with
 * {@link ConcurrentSkipListMap} under unsigned byte order as the sequential specification.
 *
 * <p>Every scenario starts from the same tree: {@value #FILLERS} filler entries of {@value #FILLER_LENGTH} bytes
 * (at least four leaves per frame, which the seed checks) in a pool of {@value #FRAMES} frames, all pages evicted
 * but the root. The operations touch {@value #OP_KEYS} keys, each in the middle of its own stretch of fillers, so nearly every operation faults
 * pages in and evicts others while the other threads run (every other scenario also runs the pool's background
 * page provider); values of four sizes (up to an overflow page) make puts split leaves and deletes merge them.
 * The keys straddle 2<sup>63</sup>, where signed order would differ.
 *
 * <p>A scan covers one stretch: the fillers around one operation key, forward or backward. It crosses several
 * leaves that other threads split, merge and evict meanwhile, and must still see every filler exactly once, in
 * order. Each scan holds only one key that changes, because a scan is not atomic: the cursor re-seeks from its
 * last key when a leaf changed (documented in {@link TreeCursor}, like {@code ConcurrentSkipListMap}'s weakly
 * consistent iterators), so a scan over two changing keys may see a combination that never existed at one
 * instant. {@code batchScan} is the same scan through {@link TreeScan}, which copies a leaf's entries in batches
 * under one optimistic read and continues in the same leaf without a descent while its stamp holds. With scans
 * over two stretches, this test finds such a history within a minute, e.g. a reverse scan
 * that misses k1 yet sees k0, while another thread put k1 and then inserted k0.
 *
 * <p>Stress mode only. Lincheck 3.7's model checking runs on this code, but it switches threads only at accesses
 * to the Java heap (here the in-memory page store's maps and the counters); the latch words and pages live in
 * native memory behind {@code MemorySegment} VarHandles, which it shows as plain calls. In 400 invocations it
 * did not find the two-stretch scan history above, so it adds run time without covering the latch protocol.
 */
public class BTreeLincheckTest {
    static final int PAGE_SIZE = 4096;
    static final int FRAMES = 8;
    static final int OP_KEYS = 5;
    static final int GAP = 40;
    static final int FILLERS = OP_KEYS * GAP;
    static final int FILLER_LENGTH = 500;
    /** Value length by version: inline, small to large, and one overflow page. */
    private static final int[] VALUE_LENGTHS = {0, 24, 300, 900, 3_000};
    /** Filler {@code i} has key {@code BASE + 4 i}; operation key {@code j} lies halfway through stretch j. */
    private static final long BASE = Long.MAX_VALUE - 2L * FILLERS;

    private static final Seed SEED = Seed.build();
    private static final AtomicReference<@Nullable Subject> PREVIOUS = new AtomicReference<>();
    private static final LongAdder FAULTS = new LongAdder();
    private static final LongAdder EVICTIONS = new LongAdder();
    private static final AtomicInteger SUBJECTS = new AtomicInteger();

    private final Subject subject;

    /** Lincheck creates one instance per scenario run: a fresh pool over a copy of the seed tree's pages. */
    public BTreeLincheckTest() {
        // Every other scenario also runs the pool's background page provider, which evicts concurrently.
        subject = new Subject(SEED, SUBJECTS.getAndIncrement() % 2 == 0);
        Subject previous = PREVIOUS.getAndSet(subject);
        if (previous != null) {
            previous.retire();
        }
    }

    @Test
    void pointOperationsAndScansAreLinearizableWhilePagesAreEvicted() {
        check(new StressOptions()
                .iterations(25)
                .invocationsPerIteration(400)
                .threads(3)
                .actorsPerThread(3)
                .actorsBefore(2)
                .actorsAfter(1));
    }

    @Test
    @Tag("stress")
    void longerScenariosOnMoreInvocations() {
        check(new StressOptions()
                .iterations(100)
                .invocationsPerIteration(2_000)
                .threads(3)
                .actorsPerThread(4)
                .actorsBefore(3)
                .actorsAfter(2));
    }

    private static void check(StressOptions options) {
        long faultsBefore = FAULTS.sum();
        long evictionsBefore = EVICTIONS.sum();
        options.sequentialSpecification(Model.class).check(BTreeLincheckTest.class);
        Subject last = PREVIOUS.getAndSet(null);
        if (last != null) {
            last.retire();
        }
        // Not a timing claim: the scenarios did run against a pool too small for the tree.
        assertThat(FAULTS.sum() - faultsBefore)
                .as("page faults during the scenarios")
                .isPositive();
        assertThat(EVICTIONS.sum() - evictionsBefore)
                .as("evictions during the scenarios")
                .isPositive();
    }

    // ---------------------------------------------------------------- operations

    @Operation
    public String get(@Param(gen = IntGen.class, conf = "0:4") int key) {
        subject.enter();
        try {
            return describeValue(key, subject.tree.get(opKey(key)));
        } finally {
            subject.exit();
        }
    }

    @Operation
    public boolean put(
            @Param(gen = IntGen.class, conf = "0:4") int key, @Param(gen = IntGen.class, conf = "1:4") int version) {
        subject.enter();
        try {
            return subject.tree.put(opKey(key), opValue(key, version), CommitMode.NONE);
        } finally {
            subject.exit();
        }
    }

    @Operation
    public boolean insert(
            @Param(gen = IntGen.class, conf = "0:4") int key, @Param(gen = IntGen.class, conf = "1:4") int version) {
        subject.enter();
        try {
            return subject.tree.insert(opKey(key), opValue(key, version), CommitMode.NONE);
        } finally {
            subject.exit();
        }
    }

    @Operation
    public boolean delete(@Param(gen = IntGen.class, conf = "0:4") int key) {
        subject.enter();
        try {
            return subject.tree.delete(opKey(key), CommitMode.NONE);
        } finally {
            subject.exit();
        }
    }

    @Operation
    public String scan(
            @Param(gen = IntGen.class, conf = "0:4") int stretch, @Param(gen = BooleanGen.class) boolean reverse) {
        subject.enter();
        try {
            ScanSummary summary = new ScanSummary();
            subject.tree.scan(stretchStart(stretch), true, stretchStart(stretch + 1), false, reverse, (k, v) -> {
                summary.add(k.toArray(ValueLayout.JAVA_BYTE), v.toArray(ValueLayout.JAVA_BYTE));
                return true;
            });
            return summary.toString();
        } finally {
            subject.exit();
        }
    }

    /** The same scan through a batch scanner ({@link TreeScan}): leaf copies, batch continuation, views. */
    @Operation
    public String batchScan(
            @Param(gen = IntGen.class, conf = "0:4") int stretch, @Param(gen = BooleanGen.class) boolean reverse) {
        subject.enter();
        try {
            ScanSummary summary = new ScanSummary();
            subject.tree
                    .cursor()
                    .newScan()
                    .scan(stretchStart(stretch), true, stretchStart(stretch + 1), false, reverse, (k, v) -> {
                        summary.add(TreeScanTest.bytes(k), TreeScanTest.bytes(v));
                        return true;
                    });
            return summary.toString();
        } finally {
            subject.exit();
        }
    }

    /** The sequential specification: a skip list under unsigned byte order, holding the same fillers. */
    public static final class Model {
        private final ConcurrentSkipListMap<byte[], byte[]> map = new ConcurrentSkipListMap<>(Arrays::compareUnsigned);

        public Model() {
            for (int i = 0; i < FILLERS; i++) {
                map.put(fillerKey(i), fillerValue(i));
            }
        }

        public String get(int key) {
            return describeValue(key, map.get(opKey(key)));
        }

        public boolean put(int key, int version) {
            return map.put(opKey(key), opValue(key, version)) != null;
        }

        public boolean insert(int key, int version) {
            return map.putIfAbsent(opKey(key), opValue(key, version)) == null;
        }

        public boolean delete(int key) {
            return map.remove(opKey(key)) != null;
        }

        public String scan(int stretch, boolean reverse) {
            NavigableMap<byte[], byte[]> range =
                    map.subMap(stretchStart(stretch), true, stretchStart(stretch + 1), false);
            ScanSummary summary = new ScanSummary();
            (reverse ? range.descendingMap() : range).forEach(summary::add);
            return summary.toString();
        }

        public String batchScan(int stretch, boolean reverse) {
            return scan(stretch, reverse);
        }
    }

    // ---------------------------------------------------------------- keys, values, summaries

    static byte[] fillerKey(int i) {
        return longKey(BASE + 4L * i);
    }

    static byte[] opKey(int j) {
        return longKey(BASE + 4L * (j * GAP + GAP / 2) + 2);
    }

    static byte[] stretchStart(int j) {
        return fillerKey(j * GAP);
    }

    private static byte[] longKey(long k) {
        return ByteBuffer.allocate(Long.BYTES).putLong(k).array();
    }

    private static final byte[][][] OP_VALUES = new byte[OP_KEYS][VALUE_LENGTHS.length][];

    static {
        for (int k = 0; k < OP_KEYS; k++) {
            for (int v = 1; v < VALUE_LENGTHS.length; v++) {
                OP_VALUES[k][v] = makeOpValue(k, v);
            }
        }
    }

    static byte[] opValue(int key, int version) {
        return OP_VALUES[key][version];
    }

    static byte[] makeOpValue(int key, int version) {
        byte[] value = new byte[VALUE_LENGTHS[version]];
        for (int i = 0; i < value.length; i++) {
            value[i] = (byte) (key * 31 + version * 17 + i);
        }
        value[0] = (byte) version;
        return value;
    }

    static byte[] fillerValue(int i) {
        byte[] value = new byte[FILLER_LENGTH];
        for (int b = 0; b < value.length; b++) {
            value[b] = (byte) (i * 13 + b);
        }
        return value;
    }

    /** "absent", "v3", or "torn" if the bytes are no version's value of this key. */
    static String describeValue(int key, byte @Nullable [] value) {
        if (value == null) {
            return "absent";
        }
        int version = value.length == 0 ? 0 : value[0];
        boolean known = version > 0 && version < VALUE_LENGTHS.length && Arrays.equals(value, opValue(key, version));
        return known ? "v" + version : "torn(" + value.length + " bytes)";
    }

    /**
     * A scan's entries as text: runs of consecutive fillers as {@code f40..f59}, operation keys as {@code k1=v2},
     * anything else spelled out, so a lost, repeated or misplaced entry changes the text.
     */
    static final class ScanSummary {
        private final StringBuilder text = new StringBuilder();
        private int runFirst = -1;
        private int runLast = -1;

        void add(byte[] key, byte[] value) {
            long k = ByteBuffer.wrap(key).getLong() - BASE;
            if (key.length == Long.BYTES && (k & 3) == 0 && k >= 0 && k < 4L * FILLERS) {
                int filler = (int) (k / 4);
                if (Arrays.equals(value, fillerValue(filler))) {
                    if (runFirst >= 0 && Math.abs(filler - runLast) == 1 && filler - runLast == direction(filler)) {
                        runLast = filler;
                        return;
                    }
                    closeRun();
                    runFirst = filler;
                    runLast = filler;
                    return;
                }
            }
            closeRun();
            long offset = k - 4L * (GAP / 2) - 2;
            if (key.length == Long.BYTES && offset >= 0 && offset % (4L * GAP) == 0 && offset / (4L * GAP) < OP_KEYS) {
                int j = (int) (offset / (4L * GAP));
                text.append(" k").append(j).append('=').append(describeValue(j, value));
            } else {
                text.append(" ?").append(Arrays.toString(key)).append('=').append(value.length);
            }
        }

        /** +1 or -1 once a run has two entries; a run of one may extend either way. */
        private int direction(int filler) {
            return runFirst == runLast ? filler - runLast : Integer.signum(runLast - runFirst);
        }

        private void closeRun() {
            if (runFirst >= 0) {
                text.append(" f").append(runFirst);
                if (runLast != runFirst) {
                    text.append("..f").append(runLast);
                }
                runFirst = -1;
            }
        }

        @Override
        public String toString() {
            closeRun();
            return text.toString().strip();
        }
    }

    // ---------------------------------------------------------------- the tree under test

    /** The seed tree's pages, written once; each scenario's pool reads a copy of them. */
    private record Seed(MemoryPages pages, long rootPageId) {
        static Seed build() {
            try (TreeFixture fixture = new TreeFixture(FRAMES, PAGE_SIZE, false)) {
                // A fixed shuffle: leaves filled unevenly, as in a tree built by random inserts.
                int[] order = new int[FILLERS];
                for (int i = 0; i < FILLERS; i++) {
                    order[i] = (int) ((i * 37L) % FILLERS);
                }
                for (int i : order) {
                    fixture.tree.put(fillerKey(i), fillerValue(i), CommitMode.NONE);
                }
                long leaves = fixture.tree.stats("t").leafPages();
                if (leaves < 4 * FRAMES) {
                    throw new IllegalStateException("the seed tree has only " + leaves + " leaves for " + FRAMES
                            + " frames: too few for the pool to evict while the scenarios run");
                }
                fixture.pool.writeDirtyPages();
                return new Seed(fixture.pages.copy(), fixture.tree.rootPageId());
            }
        }
    }

    /** One scenario's tree, pool and store; closed when the next one is created, unless still in use. */
    private static final class Subject {
        final BufferPool pool;
        final BTree tree;
        private final AtomicInteger inFlight = new AtomicInteger();

        Subject(Seed seed, boolean backgroundProvider) {
            MemoryPages pages = seed.pages().copy();
            RecordingLog log = new RecordingLog();
            pool = new BufferPool(
                    new BufferPoolConfig(
                            (long) FRAMES * PAGE_SIZE, PAGE_SIZE, 10, 5, Duration.ofSeconds(20), backgroundProvider),
                    pages,
                    log);
            tree = BTree.open(pool, log, pages, TreeFixture.TREE_ID, seed.rootPageId());
        }

        void enter() {
            inFlight.incrementAndGet();
        }

        void exit() {
            inFlight.decrementAndGet();
        }

        /** Closes the pool unless an operation is still running (a hung scenario): then it is left open. */
        void retire() {
            if (inFlight.get() != 0) {
                return;
            }
            PageboxStats.Pool stats = pool.stats();
            FAULTS.add(stats.misses() - 1); // the root's load is not the scenario's
            EVICTIONS.add(stats.evictions());
            pool.close();
        }
    }
}
