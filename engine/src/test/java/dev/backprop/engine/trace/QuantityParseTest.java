package dev.backprop.engine.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Quantity.parse, read by hand, against the regular expression it replaced (the grammar of a key, written out). */
class QuantityParseTest {
    private static final Pattern KEY = Pattern.compile("([A-Za-z]+)((?:\\[\\d{1,6}])*)(?:@(\\d{1,6}))?");
    private static final Pattern INDEX = Pattern.compile("\\[(\\d{1,6})]");

    /** The former parser: the grammar as a regular expression. */
    private static Optional<Quantity> byRegex(String key) {
        Matcher m = KEY.matcher(key);
        if (!m.matches()) {
            return Optional.empty();
        }
        Matcher im = INDEX.matcher(m.group(2));
        int[] idx = new int[3];
        int n = 0;
        while (im.find()) {
            if (n == 3) {
                return Optional.empty();
            }
            idx[n++] = Integer.parseInt(im.group(1));
        }
        int sample = m.group(3) == null ? 0 : Integer.parseInt(m.group(3));
        for (Quantity.Kind k : Quantity.Kind.values()) {
            if (k.keyName().equals(m.group(1)) && k.indices() == n) {
                return Optional.of(switch (n) {
                    case 1 -> new Quantity(k, -1, idx[0], -1, sample);
                    case 2 -> new Quantity(k, idx[0], idx[1], -1, sample);
                    case 3 -> new Quantity(k, idx[0], idx[1], idx[2], sample);
                    default -> new Quantity(k, -1, -1, -1, sample);
                });
            }
        }
        return Optional.empty();
    }

    @Test
    void reads_every_key_as_the_grammar_does_and_refuses_what_it_refuses() {
        String[] names = {"z", "a", "delta", "dW", "db", "W", "b", "loss", "lossAfter", "y", "Wold", "bold", "alpha",
            "lossBefore", "aAfter", "x", "Z", "deltas", "é", ""};
        String[] parts = {"[", "]", "0", "1", "7", "123456", "1234567", "@", "@3", "-1", " ", "[2]", "[0]", "[999999]",
            "[1000000]", "x", "]["};
        Random rnd = new Random(10);
        for (int n = 0; n < 200_000; n++) {
            StringBuilder key = new StringBuilder(names[rnd.nextInt(names.length)]);
            for (int k = rnd.nextInt(6); k > 0; k--) {
                key.append(parts[rnd.nextInt(parts.length)]);
            }
            String s = key.toString();
            assertEquals(byRegex(s), Quantity.parse(s), s);
        }
        for (String s : new String[] {"W[2][0][1]", "delta[1][0]@2", "loss", "lossAfter@3", "a[1][0]@", "a[1][0]@1234567",
                "W[1][2][3][4]", "a[01][002]", "y[0]", "alpha", "a[1][0] ", "A[1][0]"}) {
            assertEquals(byRegex(s), Quantity.parse(s), s);
        }
    }

    @Test
    void writes_each_key_back_as_it_reads_it() {
        for (String s : new String[] {"W[2][0][1]", "delta[1][0]@2", "loss", "y[3]", "lossAfter@3", "dW[9][255][255]"}) {
            assertEquals(s, Quantity.parse(s).orElseThrow().key());
        }
    }
}
