package dev.backprop.web;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backprop.web.form.Presets;
import dev.backprop.web.view.Links;
import io.javalin.Javalin;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The cache of worked pages: its bounds, and that a cached page is the page the server renders. */
class PageCacheTest {

    private static byte[] bytes(int n) {
        return new byte[n];
    }

    @Test
    void a_page_put_is_got_back_by_its_url_only() {
        PageCache c = new PageCache(4, 1 << 20);
        byte[] page = "<html>seed</html>".getBytes(StandardCharsets.UTF_8);
        c.put("http://h/solve?problem=a", page);
        assertArrayEquals(page, c.get("http://h/solve?problem=a"));
        assertNull(c.get("http://h/solve?problem=b"));
        assertNull(c.get("http://other/solve?problem=a"));
    }

    @Test
    void the_least_recently_used_page_goes_first_when_entries_run_out() {
        PageCache c = new PageCache(2, 1 << 20);
        c.put("a", bytes(10));
        c.put("b", bytes(10));
        c.get("a");
        c.put("c", bytes(10));
        assertEquals(2, c.size());
        assertNull(c.get("b"));
        assertEquals(10, c.get("a").length);
        assertEquals(10, c.get("c").length);
    }

    @Test
    void pages_are_dropped_until_the_bytes_fit() {
        PageCache c = new PageCache(100, 8_000);
        for (int k = 0; k < 10; k++) {
            c.put("p" + k, bytes(900));
        }
        // 904 bytes each (900 + two per key character): eight fit in 8,000
        assertEquals(8, c.size());
        assertNull(c.get("p0"));
        assertNull(c.get("p1"));
        assertEquals(900, c.get("p9").length);
    }

    @Test
    void a_page_over_an_eighth_of_the_room_is_not_kept() {
        PageCache c = new PageCache(100, 8_000);
        c.put("big", bytes(1_000));
        assertNull(c.get("big"));
        c.put("small", bytes(900));
        assertEquals(900, c.get("small").length);
    }

    @Test
    void replacing_a_page_counts_its_bytes_once() {
        PageCache c = new PageCache(100, 8_000);
        for (int k = 0; k < 20; k++) {
            c.put("same", bytes(900));
        }
        c.put("other", bytes(900));
        assertEquals(2, c.size());
    }

    @Test
    void a_cache_without_room_is_refused() {
        assertThrows(IllegalArgumentException.class, () -> new PageCache(0, 10));
        assertThrows(IllegalArgumentException.class, () -> new PageCache(10, 0));
    }

    @Test
    void the_same_link_twice_gives_the_same_page_whatever_host_it_is_asked_at() throws Exception {
        Javalin app = App.create().start(0);
        try {
            HttpClient client = HttpClient.newHttpClient();
            String path = Links.solve(Presets.byId("seed-given").orElseThrow().json().replaceAll("\\s+", ""));
            URI uri = URI.create("http://127.0.0.1:" + app.port() + path);
            HttpResponse<String> first = client.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString());
            HttpResponse<String> second = client.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, first.statusCode());
            assertEquals(200, second.statusCode());
            assertEquals(first.headers().firstValue("Content-Type"), second.headers().firstValue("Content-Type"));
            assertTrue(second.headers().firstValue("Content-Type").orElse("").startsWith("text/html"));
            assertEquals(first.body(), second.body());
            assertTrue(first.body().contains("href=\"" + Links.SOLVE + "?problem="), "the permanent link is relative");

            URI byName = URI.create("http://localhost:" + app.port() + path);
            HttpResponse<String> other = client.send(HttpRequest.newBuilder(byName).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, other.statusCode());
            assertEquals(first.body(), other.body(), "no page names the host it was asked at, so one page serves all");
        } catch (IOException e) {
            throw new AssertionError(e);
        } finally {
            app.stop();
        }
    }
}
