/*
 * Copyright (C) 2026 Pagebox contributors
 * SPDX-License-Identifier: LGPL-3.0-or-later
 */
package dev.pagebox.sample.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pagebox.PageboxOptions;
import dev.pagebox.spring.autoconfigure.PageboxProperties;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class AppSettingsTest {

    @Test
    void systemPropertyWinsOverEnvironmentWinsOverApplicationProperties() {
        Properties system = properties("/system");
        Map<String, String> environment = Map.of("PAGEBOX_DATADIRECTORY", "/environment");
        Properties application = properties("/application");

        assertThat(AppSettings.dataDirectory(system, environment, application)).isEqualTo(Path.of("/system"));
        assertThat(AppSettings.dataDirectory(new Properties(), environment, application))
                .isEqualTo(Path.of("/environment"));
        assertThat(AppSettings.dataDirectory(new Properties(), Map.of(), application))
                .isEqualTo(Path.of("/application"));
    }

    @Test
    void defaultsAreTheStarters() {
        PageboxProperties starter = new PageboxProperties();
        assertThat(AppSettings.dataDirectory(new Properties(), Map.of(), new Properties()))
                .isEqualTo(starter.getDataDirectory());
        // The command line opens stores with the engine's defaults; a store it creates has the app's page size.
        PageboxOptions app = starter.toOptionsBuilder().build();
        assertThat(PageboxOptions.defaults().pageSize()).isEqualTo(app.pageSize());
        assertThat(PageboxOptions.defaults().commitMode()).isEqualTo(app.commitMode());
    }

    @Test
    void blankValuesDoNotCount() {
        assertThat(AppSettings.dataDirectory(properties(" "), Map.of("PAGEBOX_DATADIRECTORY", ""), new Properties()))
                .isEqualTo(Path.of("./pagebox-data"));
    }

    @Test
    void theAppsPropertiesLeaveTheDefaultInForce() {
        assertThat(AppSettings.dataDirectory()).isEqualTo(Path.of("./pagebox-data"));
    }

    private static Properties properties(String dataDirectory) {
        Properties properties = new Properties();
        properties.setProperty("pagebox.data-directory", dataDirectory);
        return properties;
    }
}
