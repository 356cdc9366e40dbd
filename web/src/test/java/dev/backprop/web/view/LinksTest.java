package dev.backprop.web.view;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backprop.engine.nn.ProblemException;
import dev.backprop.web.Fixtures;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Random;
import java.util.zip.Deflater;
import org.junit.jupiter.api.Test;

/** A problem's link: its JSON when short, packed when long, and a packed link unpacks to the same JSON or is refused. */
class LinksTest {
    private static String samples(int count, long seed) {
        Random rnd = new Random(seed);
        StringBuilder s = new StringBuilder();
        for (int k = 0; k < count; k++) {
            s.append(k == 0 ? "" : ",").append("{\"input\":[").append(rnd.nextInt(10_000) / 1e4).append(',')
                    .append(rnd.nextInt(10_000) / 1e4).append("],\"target\":[").append(rnd.nextInt(10_000) / 1e4)
                    .append(",0.99]}");
        }
        return Fixtures.MAZUR.replace("[{\"input\": [0.05, 0.10], \"target\": [0.01, 0.99]}]", "[" + s + "]");
    }

    @Test
    void a_short_problem_keeps_its_json_link_readable() {
        assertEquals(Links.SOLVE + "?problem=" + Links.encode(Fixtures.MAZUR), Links.solve(Fixtures.MAZUR));
    }

    @Test
    void a_long_problem_is_packed_into_a_much_shorter_link_that_unpacks_to_the_same_json() {
        for (int count : new int[] {30, 266, 3_000}) {
            String json = samples(count, count);
            String link = Links.solve(json);
            assertTrue(link.startsWith(Links.SOLVE + "?packed="), link.substring(0, 40));
            String packed = link.substring((Links.SOLVE + "?packed=").length());
            assertTrue(packed.matches("[A-Za-z0-9_-]+"), "nothing in it needs escaping in a URL");
            assertTrue(link.length() * 3 < Links.encode(json).length(), count + " samples: " + link.length() + " vs "
                    + Links.encode(json).length());
            assertEquals(json, Links.unpack(packed, 1_000_000));
        }
    }

    @Test
    void a_damaged_or_cut_short_packed_link_is_refused_at_packed() {
        String packed = Links.pack(samples(100, 1));
        for (String bad : new String[] {"!!!", packed.substring(0, packed.length() / 2), "AAAA", packed + "x%"}) {
            ProblemException e = assertThrows(ProblemException.class, () -> Links.unpack(bad, 1_000_000), bad);
            assertEquals(Links.PACKED, e.errors().get(0).field());
            assertTrue(e.errors().get(0).message().contains("damaged"), e.getMessage());
        }
    }

    @Test
    void a_small_link_that_would_unpack_to_gigabytes_is_stopped_once_past_the_limit() {
        Deflater deflater = new Deflater(Deflater.BEST_COMPRESSION, true);
        byte[] zeros = new byte[1 << 20];
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[1 << 16];
        for (int k = 0; k < 64; k++) {
            deflater.setInput(zeros);
            while (!deflater.needsInput()) {
                out.write(buffer, 0, deflater.deflate(buffer));
            }
        }
        deflater.finish();
        while (!deflater.finished()) {
            out.write(buffer, 0, deflater.deflate(buffer));
        }
        String bomb = Base64.getUrlEncoder().withoutPadding().encodeToString(out.toByteArray());
        assertTrue(bomb.length() < 200_000, bomb.length() + " characters for 64 MB");
        ProblemException e = assertThrows(ProblemException.class, () -> Links.unpack(bomb, 1_000_000));
        assertTrue(e.getMessage().contains("more than 1,000,000 bytes"), e.getMessage());
        assertEquals("é", Links.unpack(Links.pack("é"), 2), "the limit counts bytes of UTF-8");
        assertEquals("é".getBytes(StandardCharsets.UTF_8).length, 2);
    }
}
