/*
 * Copyright (C) 2026 Pagebox contributors
 * SPDX-License-Identifier: LGPL-3.0-or-later
 */
package dev.pagebox.sample.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import org.jspecify.annotations.Nullable;

/**
 * The app's {@code pagebox.data-directory} as the command line finds it, so that both open the same store. It looks
 * where Boot looks, in Boot's order (a system property, the environment variable {@code PAGEBOX_DATADIRECTORY},
 * then the jar's {@code application.properties}), but reads only those three sources and only the canonical
 * spelling: binding with Boot's {@code Binder} would cost the command line most of a second of class loading.
 * Profiles and external config files are not read.
 */
final class AppSettings {
    /** The property. */
    static final String DATA_DIRECTORY = "pagebox.data-directory";

    /** Its environment-variable form, as Boot's relaxed binding spells it. */
    static final String DATA_DIRECTORY_VARIABLE = "PAGEBOX_DATADIRECTORY";

    /** The starter's default, relative to the working directory. */
    static final String DEFAULT_DATA_DIRECTORY = "./pagebox-data";

    private AppSettings() {}

    /** The data directory configured for this process. */
    static Path dataDirectory() {
        return dataDirectory(System.getProperties(), System.getenv(), applicationProperties());
    }

    static Path dataDirectory(Properties systemProperties, Map<String, String> environment, Properties application) {
        String value = nonBlank(systemProperties.getProperty(DATA_DIRECTORY));
        if (value == null) {
            value = nonBlank(environment.get(DATA_DIRECTORY_VARIABLE));
        }
        if (value == null) {
            value = nonBlank(application.getProperty(DATA_DIRECTORY));
        }
        return Path.of(value == null ? DEFAULT_DATA_DIRECTORY : value);
    }

    private static Properties applicationProperties() {
        Properties properties = new Properties();
        try (InputStream in = AppSettings.class.getClassLoader().getResourceAsStream("application.properties")) {
            if (in != null) {
                properties.load(new InputStreamReader(in, StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read application.properties", e);
        }
        return properties;
    }

    private static @Nullable String nonBlank(@Nullable String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
