package dev.backprop.web;

/**
 * How answers may be cached, as {@code Cache-Control} values. Every answer starts as
 * {@link #NO_STORE}; a page that is a pure function of its URL (a worked solution, its exports, a
 * blank worksheet) is {@link #PAGE}, and the form, which a later version may draw differently, is
 * {@link #REVALIDATE}.
 */
public final class Caching {
    /** Not kept anywhere: API answers, errors, marked worksheets, redirects. */
    public static final String NO_STORE = "no-store";
    /** Kept and shared for an hour: the URL holds the whole problem, so the page depends on nothing else. */
    public static final String PAGE = "public, max-age=3600";
    /** Kept, but asked for again each time. */
    public static final String REVALIDATE = "no-cache";

    private Caching() {
    }
}
