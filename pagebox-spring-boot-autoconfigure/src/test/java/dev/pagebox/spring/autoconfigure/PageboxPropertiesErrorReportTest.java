/*
 * Copyright (C) 2026 Pagebox contributors
 * SPDX-License-Identifier: LGPL-3.0-or-later
 */
package dev.pagebox.spring.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.bind.validation.BindValidationException;
import org.springframework.boot.origin.Origin;
import org.springframework.validation.FieldError;

/**
 * A wrong value in an application's {@code application.properties}, started as Boot starts an application: the
 * error names the property as written in the file, the value as written, and the file and line, nested
 * {@code pagebox.wal.*} properties included. These three are what Boot's failure report prints.
 */
class PageboxPropertiesErrorReportTest {
    @TempDir
    Path directory;

    @Test
    void nestedPropertyShouldBeReportedAsWrittenWithItsFileAndLine() {
        Throwable failure = catchThrowable(() -> new SpringApplicationBuilder(PageboxAutoConfiguration.class)
                .web(WebApplicationType.NONE)
                .properties(
                        "spring.config.location=classpath:/invalid-flush-interval.properties",
                        "pagebox.data-directory=" + directory.resolve("store"))
                .run()
                .close());

        BindValidationException invalid = findCause(failure);
        FieldError error =
                (FieldError) invalid.getValidationErrors().getAllErrors().getFirst();
        assertThat(error.getObjectName() + "." + error.getField()).isEqualTo("pagebox.wal.flush-interval");
        assertThat(error.getRejectedValue()).isEqualTo("2m");
        assertThat(error.getDefaultMessage())
                .isEqualTo("pagebox.wal.flush-interval is 2m but must be positive and at most 1m");
        assertThat(String.valueOf(Origin.from(error)))
                .isEqualTo("class path resource [invalid-flush-interval.properties] - 3:28");
        assertThat(directory.resolve("store")).doesNotExist();
    }

    private static BindValidationException findCause(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof BindValidationException invalid) {
                return invalid;
            }
        }
        throw new AssertionError("no BindValidationException in " + failure, failure);
    }
}
