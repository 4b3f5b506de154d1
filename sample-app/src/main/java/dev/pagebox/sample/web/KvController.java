/*
 * Copyright (C) 2026 Pagebox contributors
 * SPDX-License-Identifier: LGPL-3.0-or-later
 */
package dev.pagebox.sample.web;

import dev.pagebox.PageboxTree;
import dev.pagebox.sample.kv.KeyRange;
import dev.pagebox.sample.kv.KvLimits;
import dev.pagebox.sample.kv.RangeScan;
import dev.pagebox.sample.kv.ScanPage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * The key-value API over the store's named trees. A key is the rest of the path after the tree, so it may contain
 * {@code /}; it is UTF-8 text (percent-encoded in the URL). Values are any bytes up to 16 MiB, sent and returned
 * as the raw request and response body. Writes use the store's commit mode (STRICT unless configured): a 200 or
 * 201 means the value is durable.
 */
@RestController
@RequestMapping("/kv")
final class KvController {
    /** Entries a scan returns unless told otherwise. */
    static final int DEFAULT_LIMIT = 100;

    /** The most entries one scan returns. */
    static final int MAX_LIMIT = 1000;

    private final TreeAccess trees;

    KvController(TreeAccess trees) {
        this.trees = trees;
    }

    /** Stores a value: 201 if the key was new, 200 if it replaced a value. */
    @PutMapping("/{tree}/{*key}")
    ResponseEntity<Void> put(
            @PathVariable String tree,
            @PathVariable("key") String keyPath,
            @RequestHeader(name = HttpHeaders.CONTENT_LENGTH, required = false) @Nullable Long contentLength,
            InputStream body)
            throws IOException {
        requireKey("PUT", tree, keyPath);
        byte[] key = trees.key(stripSlash(keyPath));
        byte[] value = ValueBody.read(body, contentLength == null ? -1 : contentLength, KvLimits.MAX_VALUE_BYTES);
        boolean replaced = trees.forWrite(tree).put(key, value);
        if (replaced) {
            return ResponseEntity.ok().build();
        }
        return ResponseEntity.created(ServletUriComponentsBuilder.fromCurrentRequestUri()
                        .build()
                        .toUri())
                .build();
    }

    /** Returns a value as {@code application/octet-stream}; 404 if the key is missing. */
    @GetMapping("/{tree}/{*key}")
    ResponseEntity<byte[]> get(@PathVariable String tree, @PathVariable("key") String keyPath) {
        String keyText = stripSlash(keyPath);
        byte[] key = trees.key(keyText);
        PageboxTree found = trees.forRead(tree);
        byte[] value = found == null ? null : found.get(key);
        if (value == null) {
            throw KvProblems.keyNotFound(tree, keyText);
        }
        return ResponseEntity.ok()
                .contentType(MediaType.APPLICATION_OCTET_STREAM)
                .body(value);
    }

    /** Deletes a key: 204, or 404 if it was missing. */
    @DeleteMapping("/{tree}/{*key}")
    ResponseEntity<Void> delete(@PathVariable String tree, @PathVariable("key") String keyPath) {
        requireKey("DELETE", tree, keyPath);
        String keyText = stripSlash(keyPath);
        byte[] key = trees.key(keyText);
        PageboxTree found = trees.forRead(tree);
        if (found == null || !found.delete(key)) {
            throw KvProblems.keyNotFound(tree, keyText);
        }
        return ResponseEntity.noContent().build();
    }

    /**
     * Lists entries in key order: those starting with {@code prefix} and in {@code [from, to)}, descending if
     * {@code reverse}, at most {@code limit} (1 to {@value #MAX_LIMIT}, default {@value #DEFAULT_LIMIT}).
     */
    @GetMapping("/{tree}")
    ScanJson scan(
            @PathVariable String tree,
            @RequestParam(required = false) @Nullable String prefix,
            @RequestParam(required = false) @Nullable String from,
            @RequestParam(required = false) @Nullable String to,
            @RequestParam(defaultValue = "false") boolean reverse,
            @RequestParam(defaultValue = "" + DEFAULT_LIMIT) int limit) {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw KvProblems.invalidLimit(limit, MAX_LIMIT);
        }
        PageboxTree found = trees.forRead(tree);
        if (found == null) {
            return new ScanJson(tree, List.of(), false);
        }
        KeyRange range = KeyRange.of(utf8(prefix), utf8(from), utf8(to));
        ScanPage page = RangeScan.page(found, range, reverse, limit);
        return new ScanJson(tree, page.entries().stream().map(EntryJson::of).toList(), page.truncated());
    }

    /**
     * A write names a key: {@code /kv/users} is the tree, which is only listed, while {@code /kv/users/} names the
     * empty key (400). The catch-all variable is empty for the first and {@code /} for the second.
     */
    private static void requireKey(String method, String tree, String keyPath) {
        if (keyPath.isEmpty()) {
            throw KvProblems.keyRequired(method, tree);
        }
    }

    // A catch-all path variable keeps the slash that precedes it.
    private static String stripSlash(String keyPath) {
        return keyPath.startsWith("/") ? keyPath.substring(1) : keyPath;
    }

    private static byte @Nullable [] utf8(@Nullable String text) {
        return text == null ? null : text.getBytes(StandardCharsets.UTF_8);
    }
}
