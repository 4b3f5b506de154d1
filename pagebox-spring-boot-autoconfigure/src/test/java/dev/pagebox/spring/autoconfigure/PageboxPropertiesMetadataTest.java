/*
 * Copyright (C) 2026 Pagebox contributors
 * SPDX-License-Identifier: LGPL-3.0-or-later
 */
package dev.pagebox.spring.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pagebox.PageboxOptions;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The metadata the configuration processor writes, which IDEs use to complete and document the properties. */
class PageboxPropertiesMetadataTest {

    @Test
    void everyOptionShouldHaveADocumentedProperty() throws IOException {
        JsonNode metadata;
        try (InputStream in = getClass().getResourceAsStream("/META-INF/spring-configuration-metadata.json")) {
            assertThat(in).as("generated metadata").isNotNull();
            metadata = JsonMapper.builder().build().readTree(in);
        }
        List<String> names = new ArrayList<>();
        for (JsonNode property : metadata.get("properties")) {
            String name = property.get("name").asString();
            if (name.startsWith("pagebox.")) {
                names.add(name);
                assertThat(property.path("description").asString()).as(name).isNotBlank();
            }
        }

        // One property per option except the code-only ones (the channel factory, the log sync listener, which the
        // metrics auto-configuration sets), plus the directory, the tree list and the backup directory.
        int options = PageboxOptions.class.getRecordComponents().length - 2;
        assertThat(names)
                .hasSize(options + 3)
                .contains(
                        "pagebox.data-directory",
                        "pagebox.pool-size",
                        "pagebox.page-size",
                        "pagebox.cpu-pinning",
                        "pagebox.trees",
                        "pagebox.wal.commit-mode",
                        "pagebox.checkpoint.max-wal-size",
                        "pagebox.checkpoint.on-shutdown",
                        "pagebox.backup.directory");
    }
}
