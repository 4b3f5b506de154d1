/*
 * Copyright (C) 2026 Pagebox contributors
 * SPDX-License-Identifier: LGPL-3.0-or-later
 */
package dev.pagebox.bench.ycsb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pagebox.bench.kv.EngineConfig;
import dev.pagebox.bench.kv.KvEngine;
import dev.pagebox.bench.kv.SkipListEngine;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The client checks every answer: a wrong one stops the run. */
class ClientTest {
    private static final int RECORDS = 500;
    private final Values values = new Values(42, 40);

    @Test
    void everyWorkloadRunsCleanAgainstACorrectEngine() throws InterruptedException {
        for (Workload workload : Workload.values()) {
            KvEngine engine = loaded();
            WorkloadState state = new WorkloadState(workload, workload.needsLoad() ? RECORDS : 0, 2000);
            ClientThreads.Outcome outcome = ClientThreads.run(
                    2,
                    workload == Workload.A,
                    thread -> new Client(engine, state, values, new SplittableRandom(thread), thread),
                    client -> {
                        client.execute(client.nextOperation());
                        return 1;
                    },
                    0,
                    2000);
            assertThat(outcome.operations()).as(workload.label()).isEqualTo(2000);
            assertThat(outcome.latencyNanos().getTotalCount()).isEqualTo(2000);
        }
    }

    @Test
    void aCorruptedReadFailsTheRun() {
        KvEngine engine = new Corrupting(loaded(), false);
        WorkloadState state = new WorkloadState(Workload.C, RECORDS, 100);
        assertThatThrownBy(() -> ClientThreads.run(
                        1,
                        false,
                        thread -> new Client(engine, state, values, new SplittableRandom(1), thread),
                        client -> {
                            client.execute(Operation.READ);
                            return 1;
                        },
                        0,
                        100))
                .isInstanceOf(VerificationException.class)
                .hasMessageContaining("corrupted");
    }

    @Test
    void aScanThatSkipsItsStartKeyFailsTheRun() {
        KvEngine engine = new Corrupting(loaded(), true);
        WorkloadState state = new WorkloadState(Workload.E, RECORDS, 100);
        Client client = new Client(engine, state, values, new SplittableRandom(1), 0);
        assertThatThrownBy(() -> client.execute(Operation.SCAN))
                .isInstanceOf(VerificationException.class)
                .hasMessageContaining("out of order");
    }

    private KvEngine loaded() {
        KvEngine engine = SkipListEngine.TYPE.open(new EngineConfig(Path.of("unused"), 1 << 20, false, 1));
        byte[] key = new byte[Keys.LENGTH];
        byte[] value = new byte[values.size()];
        for (int i = 0; i < RECORDS; i++) {
            Keys.encode(i, key);
            values.encode(i, 0, value);
            engine.put(key, value);
        }
        return engine;
    }

    /** Flips a value byte on every get, or drops the first record of every scan. */
    private record Corrupting(KvEngine delegate, boolean scans) implements KvEngine {
        @Override
        public void put(byte[] key, byte[] value) {
            delegate.put(key, value);
        }

        @Override
        public int get(byte[] key, byte[] valueBuffer) {
            int length = delegate.get(key, valueBuffer);
            valueBuffer[length - 1] ^= 1;
            return length;
        }

        @Override
        public int scan(byte[] startKey, int count, ScanConsumer consumer) {
            int[] index = {0};
            int visited = delegate.scan(startKey, count + 1, (ByteBuffer k, ByteBuffer v) -> {
                if (index[0]++ > 0 || !scans) {
                    consumer.accept(k, v);
                }
            });
            return visited - 1;
        }

        @Override
        public long onDiskBytes() {
            return 0;
        }

        @Override
        public void close() {
            delegate.close();
        }
    }
}
