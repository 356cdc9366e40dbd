/** The JSON API: {@code POST /api/solve}, {@code GET /api/health}, and the one place errors become responses. */
@NullMarked
package dev.backprop.web.api;

import org.jspecify.annotations.NullMarked;
