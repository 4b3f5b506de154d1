/*
 * Copyright (C) 2026 Pagebox contributors
 * SPDX-License-Identifier: LGPL-3.0-or-later
 */
/**
 * The REST API over named trees: {@code PUT/GET/DELETE /kv/{tree}/{key}} and scans on {@code GET /kv/{tree}}, with
 * errors as RFC 9457 problem details. The {@code Pagebox} bean comes from the Pagebox starter.
 */
@org.jspecify.annotations.NullMarked
package dev.pagebox.sample.web;
