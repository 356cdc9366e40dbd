package dev.backprop.web;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The pages served lately, as the bytes sent, so that a class opening the same link at once solves and
 * renders it once: worked pages and blank worksheets. Each is a pure function of its link: the path and
 * query (the problem, the precision, the neuron shown or the blanks asked for) on the configured public
 * address its links name (never the request's host), so the key is that link. Bounded in entries and
 * in bytes; the least recently used page goes first. Thread-safe.
 *
 * <pre>{@code
 * PageCache cache = new PageCache(256, 32 << 20);
 * byte[] page = cache.get(link);          // null: render it, then cache.put(link, bytes)
 * }</pre>
 */
public final class PageCache {
    private final int maxEntries;
    private final long maxBytes;
    private final LinkedHashMap<String, byte[]> pages = new LinkedHashMap<>(64, 0.75f, true);
    private long bytes;

    /** A cache of at most {@code maxEntries} pages and {@code maxBytes} bytes (keys counted as two bytes a character). */
    public PageCache(int maxEntries, long maxBytes) {
        if (maxEntries < 1 || maxBytes < 1) {
            throw new IllegalArgumentException("a page cache needs room for at least one page, was " + maxEntries
                    + " entries and " + maxBytes + " bytes");
        }
        this.maxEntries = maxEntries;
        this.maxBytes = maxBytes;
    }

    /** The page cached under this URL, or null. */
    public synchronized byte @Nullable [] get(String url) {
        return pages.get(url);
    }

    /** Keeps the page under its URL, dropping the least recently used pages beyond the bounds; a page over an eighth of the bytes is not kept. */
    public synchronized void put(String url, byte[] page) {
        long size = cost(url, page);
        if (size > maxBytes / 8) {
            return;
        }
        byte[] old = pages.put(url, page);
        if (old != null) {
            bytes -= cost(url, old);
        }
        bytes += size;
        Iterator<Map.Entry<String, byte[]>> eldest = pages.entrySet().iterator();
        while ((pages.size() > maxEntries || bytes > maxBytes) && eldest.hasNext()) {
            Map.Entry<String, byte[]> e = eldest.next();
            bytes -= cost(e.getKey(), e.getValue());
            eldest.remove();
        }
    }

    /** The number of pages kept. */
    public synchronized int size() {
        return pages.size();
    }

    private static long cost(String url, byte[] page) {
        return page.length + 2L * url.length();
    }
}
