/*
 * Copyright (C) 2026 Pagebox contributors
 * SPDX-License-Identifier: LGPL-3.0-or-later
 */
package dev.pagebox.test;

import org.springframework.boot.autoconfigure.SpringBootApplication;

/** An application on the Pagebox starter, configured in this module's test {@code application.properties}. */
@SpringBootApplication
public class NotesTestApplication {}
