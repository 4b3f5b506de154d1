/*
 * Copyright (C) 2026 Pagebox contributors
 * SPDX-License-Identifier: LGPL-3.0-or-later
 */
package dev.pagebox.sample.web;

import java.io.IOException;
import java.io.OutputStream;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.coyote.ActionCode;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import tools.jackson.databind.json.JsonMapper;

/**
 * Tomcat's error page for requests it refuses before any servlet sees them (a path with {@code %00} or with bytes
 * that are not UTF-8, a malformed escape), as an RFC 9457 problem instead of Tomcat's HTML page. Everything the
 * application answers itself never gets here: this valve reports only an error response with nothing written.
 */
final class ProblemErrorReportValve extends ErrorReportValve {
    private static final JsonMapper JSON = JsonMapper.shared();

    @Override
    protected void report(Request request, Response response, @Nullable Throwable throwable) {
        int status = response.getStatus();
        if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
            return;
        }
        AtomicBoolean ioAllowed = new AtomicBoolean(true);
        response.getCoyoteResponse().action(ActionCode.IS_IO_ALLOWED, ioAllowed);
        if (!ioAllowed.get()) {
            return;
        }
        String path = request.getCoyoteRequest().requestURI().toString();
        byte[] body = JSON.writeValueAsBytes(problem(status, path, response.getMessage()));
        try {
            response.setContentType("application/problem+json");
            response.setContentLength(body.length);
            OutputStream out = response.getOutputStream();
            out.write(body);
            response.finishResponse();
        } catch (IOException | IllegalStateException e) {
            // The client went away, or the response can take no body: nothing more to tell it.
        }
    }

    private static Map<String, Object> problem(int status, String path, @Nullable String tomcatMessage) {
        HttpStatus known = HttpStatus.resolve(status);
        String pathProblem = status == 400 ? RequestText.pathProblem(path) : null;
        Map<String, Object> problem = new LinkedHashMap<>();
        if (pathProblem != null) {
            problem.put("type", KvProblems.TYPE_PREFIX + "invalid-path");
            problem.put("title", "Invalid path");
            problem.put("status", status);
            problem.put("detail", pathProblem);
        } else {
            problem.put("type", "about:blank");
            problem.put("title", known == null ? "Error" : known.getReasonPhrase());
            problem.put("status", status);
            problem.put(
                    "detail", "the server refused the request: " + (tomcatMessage == null ? status : tomcatMessage));
        }
        problem.put("instance", path);
        return problem;
    }
}
