/*
 * Copyright (C) 2026 Pagebox contributors
 * SPDX-License-Identifier: LGPL-3.0-or-later
 */
package dev.pagebox.spring.autoconfigure;

import dev.pagebox.CpuPinning;
import dev.pagebox.PageboxOptions;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.springframework.core.env.Environment;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.Errors;

/**
 * Turns {@link PageboxProperties} into {@link PageboxOptions}, and a wrong value into a binding error on its
 * property. {@link PageboxOptions} checks every option and names it in its message; this finds the property the
 * option came from and reports the error on it as the user wrote it ({@link PropertyErrors}): the kebab-case name,
 * the value as typed ({@code 2m}, not {@code PT2M}) and where it was set. The rules live in one place, the engine.
 */
final class PageboxPropertiesOptions {

    /** An option as {@link PageboxOptions} names it, the property it comes from, and its bound value. */
    private record Option(String property, Function<PageboxProperties, Object> value) {}

    private static final Map<String, Option> OPTIONS = new LinkedHashMap<>();

    static {
        OPTIONS.put("poolSize", new Option("pool-size", PageboxProperties::getPoolSize));
        OPTIONS.put("pageSize", new Option("page-size", PageboxProperties::getPageSize));
        OPTIONS.put("flushInterval", new Option("wal.flush-interval", p -> p.getWal()
                .getFlushInterval()));
        OPTIONS.put(
                "walSegmentSize", new Option("wal.segment-size", p -> p.getWal().getSegmentSize()));
        OPTIONS.put(
                "walBufferSize", new Option("wal.buffer-size", p -> p.getWal().getBufferSize()));
        OPTIONS.put("checkpointInterval", new Option("checkpoint.interval", p -> p.getCheckpoint()
                .getInterval()));
        OPTIONS.put("checkpointWalSize", new Option("checkpoint.max-wal-size", p -> p.getCheckpoint()
                .getMaxWalSize()));
    }

    private static final Pattern OPTION_NAMES = Pattern.compile("\\b(" + String.join("|", OPTIONS.keySet()) + ")\\b");

    /** An ISO-8601 duration as {@link Duration#toString()} writes it, in an engine message. */
    private static final Pattern ISO_DURATION = Pattern.compile("\\bP(?:T[-0-9.HMS]+|[0-9]+D(?:T[-0-9.HMS]+)?)\\b");

    private PageboxPropertiesOptions() {}

    static PageboxOptions.Builder builder(PageboxProperties properties) {
        PageboxProperties.Wal wal = properties.getWal();
        PageboxProperties.Checkpoint checkpoint = properties.getCheckpoint();
        return PageboxOptions.builder()
                .poolSize(properties.getPoolSize().toBytes())
                .pageSize(intBytes(properties.getPageSize(), "pageSize"))
                .directIo(properties.isDirectIo())
                .readOnly(properties.isReadOnly())
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

    /**
     * Rejects the first wrong value, on the property it came from.
     *
     * @param properties the bound properties
     * @param errors where the error goes
     * @param environment where the properties came from, to report the value as written and its origin; null
     *     outside a context
     */
    static void validate(PageboxProperties properties, Errors errors, @Nullable Environment environment) {
        PropertyErrors report = new PropertyErrors(errors, environment);
        try {
            CpuPinning.parse(properties.getCpuPinning());
        } catch (IllegalArgumentException e) {
            report.reject(
                    "cpu-pinning",
                    properties.getCpuPinning(),
                    "must be off, auto or a CPU list like 0-3,6 (" + e.getMessage() + ")");
            return;
        }
        List<String> trees = properties.getTrees();
        for (int i = 0; i < trees.size(); i++) {
            if (trees.get(i).isBlank()) {
                report.rejectElement("trees", i, trees.get(i), "names a blank tree");
                return;
            }
        }
        try {
            builder(properties).build();
        } catch (IllegalArgumentException e) {
            String message = String.valueOf(e.getMessage());
            Matcher name = OPTION_NAMES.matcher(message);
            Option option = name.lookingAt() ? OPTIONS.get(name.group(1)) : null;
            int rule = message.indexOf(" but ");
            if (option == null || rule < 0) {
                errors.reject("pagebox.invalid", "pagebox: " + readable(message));
            } else {
                report.reject(
                        option.property(), option.value().apply(properties), readable(message.substring(rule + 5)));
            }
        }
    }

    /** Engine wording in property terms: option names as property names, durations as a property would hold them. */
    private static String readable(String text) {
        String named = OPTION_NAMES
                .matcher(text)
                .replaceAll(match -> "pagebox." + OPTIONS.get(match.group(1)).property());
        return ISO_DURATION.matcher(named).replaceAll(match -> Matcher.quoteReplacement(simple(match.group())));
    }

    /** A duration in the form a property takes: {@code PT1M} as {@code 1m}, {@code PT0.005S} as {@code 5ms}. */
    static String simple(String iso) {
        Duration duration;
        try {
            duration = Duration.parse(iso);
        } catch (DateTimeParseException e) {
            return iso;
        }
        return PropertyErrors.simple(duration);
    }

    /** The size in bytes as an int, or an error naming the option if it does not fit. */
    private static int intBytes(DataSize size, String option) {
        long bytes = size.toBytes();
        if (bytes < Integer.MIN_VALUE || bytes > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(option + " is " + bytes + " bytes but must fit in an int");
        }
        return (int) bytes;
    }
}
