/*
 * Copyright (C) 2026 Pagebox contributors
 * SPDX-License-Identifier: LGPL-3.0-or-later
 */
package dev.pagebox.spring.autoconfigure;

import dev.pagebox.CpuPinning;
import dev.pagebox.PageboxOptions;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.Errors;

/**
 * Turns {@link PageboxProperties} into {@link PageboxOptions}, and a wrong value into a binding error on its
 * property. {@link PageboxOptions} already checks every option and names it in its message; this maps the option
 * name to the property, so the check lives in one place and the report says {@code pagebox.pool-size}, not
 * {@code poolSize}.
 */
final class PageboxPropertiesOptions {

    /** Option names as {@link PageboxOptions} reports them, to property paths relative to {@code pagebox}. */
    private static final Map<String, String> FIELDS = new LinkedHashMap<>();

    static {
        FIELDS.put("poolSize", "poolSize");
        FIELDS.put("pageSize", "pageSize");
        FIELDS.put("flushInterval", "wal.flushInterval");
        FIELDS.put("walSegmentSize", "wal.segmentSize");
        FIELDS.put("walBufferSize", "wal.bufferSize");
        FIELDS.put("checkpointInterval", "checkpoint.interval");
        FIELDS.put("checkpointWalSize", "checkpoint.maxWalSize");
    }

    private static final Pattern OPTION_NAMES = Pattern.compile("\\b(" + String.join("|", FIELDS.keySet()) + ")\\b");

    private PageboxPropertiesOptions() {}

    static PageboxOptions.Builder builder(PageboxProperties properties) {
        PageboxProperties.Wal wal = properties.getWal();
        PageboxProperties.Checkpoint checkpoint = properties.getCheckpoint();
        return PageboxOptions.builder()
                .poolSize(properties.getPoolSize().toBytes())
                .pageSize(intBytes(properties.getPageSize(), "pageSize"))
                .directIo(properties.isDirectIo())
                .backgroundPinning(CpuPinning.parse(properties.getCpuPinning()))
                .commitMode(wal.getCommitMode())
                .flushInterval(wal.getFlushInterval())
                .walSegmentSize(wal.getSegmentSize().toBytes())
                .walBufferSize(intBytes(wal.getBufferSize(), "walBufferSize"))
                .syncBackend(wal.getSyncBackend())
                .checkpointInterval(checkpoint.getInterval())
                .checkpointWalSize(checkpoint.getMaxWalSize().toBytes())
                .checkpointOnClose(checkpoint.isOnShutdown());
    }

    /** Rejects the first wrong value, on the property it came from. */
    static void validate(PageboxProperties properties, Errors errors) {
        try {
            CpuPinning.parse(properties.getCpuPinning());
        } catch (IllegalArgumentException e) {
            errors.rejectValue(
                    "cpuPinning",
                    "pagebox.invalid",
                    "pagebox.cpu-pinning must be off, auto or a CPU list like 0-3,6: " + e.getMessage());
            return;
        }
        for (String tree : properties.getTrees()) {
            if (tree.isBlank()) {
                errors.rejectValue("trees", "pagebox.invalid", "pagebox.trees names a blank tree");
                return;
            }
        }
        try {
            builder(properties).build();
        } catch (IllegalArgumentException e) {
            String message = String.valueOf(e.getMessage());
            Matcher option = OPTION_NAMES.matcher(message);
            String field = option.lookingAt() ? FIELDS.get(option.group(1)) : null;
            if (field == null) {
                errors.reject("pagebox.invalid", "pagebox: " + message);
            } else {
                errors.rejectValue(field, "pagebox.invalid", propertyNames(message));
            }
        }
    }

    /** The message with every option name replaced by its property name. */
    private static String propertyNames(String message) {
        return OPTION_NAMES.matcher(message).replaceAll(match -> propertyName(FIELDS.get(match.group(1))));
    }

    /** {@code wal.segmentSize} to {@code pagebox.wal.segment-size}. */
    private static String propertyName(String field) {
        return "pagebox." + field.replaceAll("([A-Z])", "-$1").toLowerCase(Locale.ROOT);
    }

    /** The size in bytes as an int, or an error naming the option if it does not fit. */
    private static int intBytes(DataSize size, String option) {
        long bytes = size.toBytes();
        if (bytes < Integer.MIN_VALUE || bytes > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(option + " is " + bytes + " bytes, more than an int holds");
        }
        return (int) bytes;
    }
}
