/*
 * Copyright (C) 2026 Pagebox contributors
 * SPDX-License-Identifier: LGPL-3.0-or-later
 */
package dev.pagebox.internal.engine;

import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/**
 * The log record of an atomic batch, appended before its steps are applied (little-endian):
 *
 * <pre>
 *   count u32 | per step: treeId u32 | kind u8 (1 put, 0 delete) | keyLen u16 | key | valueLen u32 | value
 * </pre>
 *
 * Each step is then applied as an ordinary tree change tagged with the batch's LSN and the step's index. If the
 * batch record is durable, recovery applies the steps whose tagged records did not reach the log (always a
 * suffix, as steps run one after another), so the whole batch survives a crash; if it is not, no step's record
 * is durable either (they all follow it in the log), so none survives.
 */
final class BatchRecord {
    static final int TYPE = 64;

    private BatchRecord() {}

    static int size(List<BatchStep> steps) {
        long size = 4;
        for (BatchStep step : steps) {
            size += 4 + 1 + 2 + step.key().length + 4 + (step.value() == null ? 0 : step.value().length);
        }
        return (int) Math.min(Integer.MAX_VALUE, size);
    }

    static MemorySegment encode(List<BatchStep> steps) {
        ByteBuffer buffer = ByteBuffer.allocate(size(steps)).order(ByteOrder.LITTLE_ENDIAN);
        buffer.putInt(steps.size());
        for (BatchStep step : steps) {
            buffer.putInt(step.treeId()).put((byte) (step.value() == null ? 0 : 1));
            buffer.putShort((short) step.key().length).put(step.key());
            byte[] value = step.value();
            buffer.putInt(value == null ? 0 : value.length);
            if (value != null) {
                buffer.put(value);
            }
        }
        return MemorySegment.ofArray(buffer.array());
    }

    static List<BatchStep> decode(byte[] payload) {
        ByteBuffer buffer = ByteBuffer.wrap(payload).order(ByteOrder.LITTLE_ENDIAN);
        int count = buffer.getInt();
        List<BatchStep> steps = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            int treeId = buffer.getInt();
            boolean put = buffer.get() == 1;
            byte[] key = new byte[Short.toUnsignedInt(buffer.getShort())];
            buffer.get(key);
            byte[] value = new byte[buffer.getInt()];
            buffer.get(value);
            steps.add(new BatchStep(treeId, key, put ? value : null));
        }
        return steps;
    }
}
