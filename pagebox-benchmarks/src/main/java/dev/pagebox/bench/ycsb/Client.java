/*
 * Copyright (C) 2026 Pagebox contributors
 * SPDX-License-Identifier: LGPL-3.0-or-later
 */
package dev.pagebox.bench.ycsb;

import dev.pagebox.bench.kv.KvEngine;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.random.RandomGenerator;

/**
 * One client thread's view of a run: its random source, its reusable buffers, and the checks applied to every
 * answer. Not thread-safe; each thread has its own.
 */
final class Client {
    /** Update versions are {@code (thread + 1) << 40 | sequence}: unique per write, 0 is the loaded version. */
    private static final int THREAD_SHIFT = 40;

    private final KvEngine engine;
    private final WorkloadState state;
    private final Values values;
    private final RandomGenerator random;
    private final long versionBase;
    private final byte[] key = new byte[Keys.LENGTH];
    private final byte[] value;
    private final byte[] readBuffer;
    private final ScanChecker scanChecker;
    private long versionSequence;
    private byte[][] batchKeys;
    private byte[][] batchValues;
    private long[] batchRecords;

    Client(KvEngine engine, WorkloadState state, Values values, RandomGenerator random, int thread) {
        this.engine = engine;
        this.state = state;
        this.values = values;
        this.random = random;
        this.versionBase = (thread + 1L) << THREAD_SHIFT;
        this.value = new byte[values.size()];
        this.readBuffer = new byte[values.size() + 1]; // one spare byte shows a too-long value
        this.scanChecker = new ScanChecker(values);
    }

    RandomGenerator random() {
        return random;
    }

    /** Runs one operation chosen by the workload's proportions. */
    Operation nextOperation() {
        return state.workload().nextOperation(random);
    }

    void execute(Operation operation) {
        switch (operation) {
            case READ -> read(state.existingRecord(random));
            case UPDATE -> update(state.existingRecord(random));
            case INSERT -> insert();
            case SCAN -> scan(state.existingRecord(random), state.scanLength(random));
            case READ_MODIFY_WRITE -> {
                long record = state.existingRecord(random);
                read(record);
                update(record);
            }
        }
    }

    /** Inserts the next record of the counter; returns false once {@code limit} records exist. */
    boolean insertBelow(long limit) {
        long record = state.inserts().next();
        if (record >= limit) {
            return false;
        }
        put(record, 0);
        return true;
    }

    /**
     * Inserts the next records of the counter, up to {@code batch} of them, in one engine batch; returns how many
     * (0 once {@code limit} records exist).
     */
    int insertBatchBelow(long limit, int batch) {
        if (batchKeys == null || batchKeys.length < batch) {
            batchKeys = new byte[batch][Keys.LENGTH];
            batchValues = new byte[batch][values.size()];
            batchRecords = new long[batch];
        }
        int count = 0;
        while (count < batch) {
            long record = state.inserts().next();
            if (record >= limit) {
                break;
            }
            Keys.encode(record, batchKeys[count]);
            values.encode(record, 0, batchValues[count]);
            batchRecords[count++] = record;
        }
        if (count > 0) {
            engine.putBatch(batchKeys, batchValues, count);
            for (int i = 0; i < count; i++) {
                state.inserts().acknowledge(batchRecords[i]);
            }
        }
        return count;
    }

    void read(long record) {
        Keys.encode(record, key);
        int length = engine.get(key, readBuffer);
        values.check(record, readBuffer, length);
    }

    private void update(long record) {
        put(record, versionBase | ++versionSequence);
    }

    private void insert() {
        put(state.inserts().next(), 0);
    }

    private void put(long record, long version) {
        Keys.encode(record, key);
        values.encode(record, version, value);
        engine.put(key, value);
        if (version == 0) {
            state.inserts().acknowledge(record);
        }
    }

    private void scan(long startRecord, int length) {
        Keys.encode(startRecord, key);
        scanChecker.start(key);
        int visited = engine.scan(key, length, scanChecker);
        if (visited != scanChecker.seen()) {
            throw new VerificationException(
                    "scan reported " + visited + " records but delivered " + scanChecker.seen());
        }
        if (visited == 0) {
            throw new VerificationException("scan from existing record " + startRecord + " returned nothing");
        }
    }

    /** Checks that a scan's keys ascend from its start key and that each value belongs to its key. */
    private static final class ScanChecker implements KvEngine.ScanConsumer {
        private final Values values;
        private final byte[] previousKey = new byte[Keys.LENGTH];
        private final byte[] currentKey = new byte[Keys.LENGTH];
        private final byte[] valueCopy;
        private int seen;

        ScanChecker(Values values) {
            this.values = values;
            this.valueCopy = new byte[values.size() + 1];
        }

        void start(byte[] startKey) {
            System.arraycopy(startKey, 0, previousKey, 0, Keys.LENGTH);
            seen = 0;
        }

        int seen() {
            return seen;
        }

        @Override
        public void accept(ByteBuffer keyBuffer, ByteBuffer valueBuffer) {
            long record = Keys.decode(keyBuffer);
            keyBuffer.get(keyBuffer.position(), currentKey);
            int order = Arrays.compareUnsigned(currentKey, previousKey);
            // The start record exists, so the first key is the start key; every later key is larger.
            if (seen == 0 ? order != 0 : order <= 0) {
                throw new VerificationException("scan out of order at record " + record + " (entry " + seen + ")");
            }
            System.arraycopy(currentKey, 0, previousKey, 0, Keys.LENGTH);
            int length = valueBuffer.remaining();
            valueBuffer.get(valueBuffer.position(), valueCopy, 0, Math.min(length, valueCopy.length));
            values.check(record, valueCopy, length);
            seen++;
        }
    }
}
