/*
 * Copyright (C) 2026 Pagebox contributors
 * SPDX-License-Identifier: LGPL-3.0-or-later
 */
package dev.pagebox.kafka;

import dev.pagebox.PageboxTree;
import dev.pagebox.WriteBatch;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.query.Position;
import org.apache.kafka.streams.state.internals.PositionSerde;
import org.jspecify.annotations.Nullable;

/**
 * The bookkeeping of every store's family of trees (see {@link TreeNames}), held in one meta tree of the shared
 * store so that a {@link WriteBatch} can change a store's data and its bookkeeping atomically. The only class that
 * knows the meta keys.
 *
 * <pre>
 *   key   = family name (UTF-8) | 0x00 | kind (1 byte) | suffix
 *
 *   kind  suffix                 value
 *   'o'   topic | 0x00 | int32   int64 changelog offset committed for that partition (KIP-1035)
 *   'p'   -                      the store's {@link Position} (Kafka's PositionSerde)
 *   'n'   -                      int64 estimate of the number of entries (key-value stores)
 *   's'   -                      1 byte: 1 while writes made since the last commit may be in the trees
 *   'i'   -                      empty: a commit too large for one batch is under way
 *   'd'   -                      the path of the store's marker file in its task directory (UTF-8)
 *   't'   -                      int64 observed stream time (window and session stores)
 *   'g'   -                      int64 segment interval in ms the segment trees were made with (ditto)
 * </pre>
 *
 * Family names never contain 0x00, so the prefix {@code name | 0x00} holds exactly one family's keys.
 */
final class TreeMeta {
    /** The name of the meta tree. Store trees are named {@code kv/...}, so they cannot collide with it. */
    static final String TREE = "kafka-streams.meta";

    private static final byte OFFSET = 'o';
    private static final byte POSITION = 'p';
    private static final byte ENTRIES = 'n';
    private static final byte STATUS = 's';
    private static final byte IN_FLIGHT = 'i';
    private static final byte MARKER = 'd';
    private static final byte STREAM_TIME = 't';
    private static final byte SEGMENT_INTERVAL = 'g';
    private static final byte[] DIRTY = {1};

    private final PageboxTree meta;
    private final String tree;
    private final byte[] prefix;

    TreeMeta(PageboxTree meta, String tree) {
        this.meta = meta;
        this.tree = tree;
        byte[] name = tree.getBytes(StandardCharsets.UTF_8);
        this.prefix = Arrays.copyOf(name, name.length + 1);
    }

    /** The family whose bookkeeping this is. */
    String tree() {
        return tree;
    }

    private byte[] key(byte kind) {
        byte[] key = Arrays.copyOf(prefix, prefix.length + 1);
        key[prefix.length] = kind;
        return key;
    }

    private byte[] offsetKey(TopicPartition partition) {
        byte[] topic = partition.topic().getBytes(StandardCharsets.UTF_8);
        return ByteBuffer.allocate(prefix.length + 1 + topic.length + 1 + Integer.BYTES)
                .put(prefix)
                .put(OFFSET)
                .put(topic)
                .put((byte) 0)
                .putInt(partition.partition())
                .array();
    }

    static byte[] encodeLong(long value) {
        return ByteBuffer.allocate(Long.BYTES).putLong(value).array();
    }

    static long decodeLong(byte[] value) {
        return ByteBuffer.wrap(value).getLong();
    }

    /** The committed changelog offset of a partition, or null. */
    @Nullable
    Long offset(TopicPartition partition) {
        byte[] value = meta.get(offsetKey(partition));
        return value == null ? null : decodeLong(value);
    }

    /** Adds the steps that record these offsets (a null offset removes one; an empty map removes them all). */
    void putOffsets(WriteBatch batch, java.util.Map<TopicPartition, @Nullable Long> offsets) {
        if (offsets.isEmpty()) {
            byte[] from = key(OFFSET);
            byte[] to = key((byte) (OFFSET + 1));
            meta.range(from, to, (key, value) -> {
                batch.delete(meta, key);
                return true;
            });
            return;
        }
        offsets.forEach((partition, offset) -> {
            if (offset == null) {
                batch.delete(meta, offsetKey(partition));
            } else {
                batch.put(meta, offsetKey(partition), encodeLong(offset));
            }
        });
    }

    /** Adds the step that records one partition's offset. */
    void putOffset(WriteBatch batch, TopicPartition partition, long offset) {
        batch.put(meta, offsetKey(partition), encodeLong(offset));
    }

    /** The stored position, or an empty one. */
    Position position() {
        byte[] value = meta.get(key(POSITION));
        return value == null ? Position.emptyPosition() : PositionSerde.deserialize(ByteBuffer.wrap(value));
    }

    void putPosition(WriteBatch batch, Position position) {
        ByteBuffer buffer = PositionSerde.serialize(position);
        byte[] bytes = new byte[buffer.remaining()];
        buffer.get(bytes);
        batch.put(meta, key(POSITION), bytes);
    }

    /** The stored entry estimate, or 0. */
    long entries() {
        byte[] value = meta.get(key(ENTRIES));
        return value == null ? 0 : decodeLong(value);
    }

    void putEntries(WriteBatch batch, long entries) {
        batch.put(meta, key(ENTRIES), encodeLong(entries));
    }

    /** Whether writes made after the last commit may be in the tree. */
    boolean dirty() {
        return meta.get(key(STATUS)) != null;
    }

    void putDirty(WriteBatch batch, boolean dirty) {
        if (dirty) {
            batch.put(meta, key(STATUS), DIRTY);
        } else {
            batch.delete(meta, key(STATUS));
        }
    }

    /** Whether a commit too large for one batch was under way (and so may have left part of itself). */
    boolean inFlight() {
        return meta.get(key(IN_FLIGHT)) != null;
    }

    void putInFlight(WriteBatch batch, boolean inFlight) {
        if (inFlight) {
            batch.put(meta, key(IN_FLIGHT), new byte[0]);
        } else {
            batch.delete(meta, key(IN_FLIGHT));
        }
    }

    /** The path of the tree's marker file, or null. */
    @Nullable
    String marker() {
        byte[] value = meta.get(key(MARKER));
        return value == null ? null : new String(value, StandardCharsets.UTF_8);
    }

    void putMarker(WriteBatch batch, String markerPath) {
        batch.put(meta, key(MARKER), markerPath.getBytes(StandardCharsets.UTF_8));
    }

    /** The stored observed stream time, or {@code fallback}. */
    long streamTime(long fallback) {
        byte[] value = meta.get(key(STREAM_TIME));
        return value == null ? fallback : decodeLong(value);
    }

    void putStreamTime(WriteBatch batch, long streamTime) {
        batch.put(meta, key(STREAM_TIME), encodeLong(streamTime));
    }

    /** The segment interval the family's segment trees were made with, or null. */
    @Nullable
    Long segmentInterval() {
        byte[] value = meta.get(key(SEGMENT_INTERVAL));
        return value == null ? null : decodeLong(value);
    }

    void putSegmentInterval(WriteBatch batch, long interval) {
        batch.put(meta, key(SEGMENT_INTERVAL), encodeLong(interval));
    }

    /** The families that have a marker path recorded in the meta tree. */
    static List<String> markedFamilies(PageboxTree meta) {
        List<String> families = new ArrayList<>();
        meta.range(null, null, (key, value) -> {
            int end = 0;
            while (end < key.length && key[end] != 0) {
                end++;
            }
            if (end + 2 == key.length && key[end + 1] == MARKER) {
                families.add(new String(key, 0, end, StandardCharsets.UTF_8));
            }
            return true;
        });
        return families;
    }

    /** Adds the steps that delete every meta key of the family. */
    void deleteAll(WriteBatch batch) {
        List<byte[]> keys = new ArrayList<>();
        meta.prefix(prefix, (key, value) -> keys.add(key));
        keys.forEach(key -> batch.delete(meta, key));
    }
}
