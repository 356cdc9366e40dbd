package dev.backprop.engine.classroom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import dev.backprop.engine.check.AnswerKey;
import dev.backprop.engine.check.ByHand;
import dev.backprop.engine.nn.FieldError;
import dev.backprop.engine.nn.ProblemException;
import dev.backprop.engine.render.Notation;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ClassCsvTest {
    private static final Variants WEEK3 = Variants.of(VariantsTest.seed(), List.of("delta", "W[2][0][0]"), "week-3");
    private static final List<String> CLASS = List.of("s001", "s002", "s003");

    private static List<String> fields(ProblemException e) {
        return e.errors().stream().map(FieldError::field).toList();
    }

    @Test
    void student_ids_come_from_the_student_column_or_one_a_line() {
        assertEquals(List.of("s001", "s002"), ClassCsv.students("name,student\nAda,s001\n\nAlan,s002\n"));
        assertEquals(List.of("s001", "s002", "s003"), ClassCsv.students("s001\ns002\r\ns003"));
        assertEquals(List.of("a b", "c"), ClassCsv.students("id;name\n\"a b\";x\nc;y"));
    }

    @Test
    void columns_may_be_headed_by_key_or_by_the_notation() {
        String csv = "student,δ_o1,delta_h1,dh2,W31\n"
                + "s001,0.1,0.2,,0.3\n"
                + "s002,,,,\n";
        List<ClassMarking.Submission> subs = ClassCsv.answers(csv.replace(",dh2,", ",delta[1][1],"), WEEK3,
                Notation.Profile.SEED, CLASS);
        assertEquals(2, subs.size());
        assertEquals(Map.of("delta[2][0]", "0.1", "delta[1][0]", "0.2", "delta[1][1]", "", "W[2][0][0]", "0.3"),
                subs.get(0).answers());
        assertEquals("s002", subs.get(1).student());
        // the printed names, sub- and superscripts and all
        List<ClassMarking.Submission> printed = ClassCsv.answers("student,W₃₁^new\ns003,0.5\n", WEEK3,
                Notation.Profile.SEED, CLASS);
        assertEquals(Map.of("W[2][0][0]", "0.5"), printed.get(0).answers());
    }

    @Test
    void a_missing_student_column_is_named_in_the_header_row() {
        ProblemException e = assertThrows(ProblemException.class,
                () -> ClassCsv.answers("name,delta[2][0]\nAda,0.1\n", WEEK3, Notation.Profile.SEED, CLASS));
        assertEquals(List.of("row 1, column 1", "row 1"), fields(e));
        assertTrue(e.errors().get(1).message().contains("no student column"), e.errors().get(1).message());
    }

    @Test
    void each_bad_cell_is_named_by_its_row_and_column() {
        String csv = "student,delta[2][0],W[9][0][0],W31\n"
                + "s001,0.1,,0.2\n"
                + "s002,zero point one,,0.2\n"
                + "s042,0.1,,0.2\n"
                + "s001,0.1,,0.3\n";
        ProblemException e = assertThrows(ProblemException.class,
                () -> ClassCsv.answers(csv, WEEK3, Notation.Profile.SEED, CLASS));
        assertEquals(List.of("row 1, column 3", "row 3, column 2 (delta[2][0])", "row 4, column 1", "row 5, column 1"),
                fields(e));
        assertTrue(e.errors().get(0).message().contains("W[9][0][0]"), e.errors().get(0).message());
        assertTrue(e.errors().get(1).message().contains("zero point one"), e.errors().get(1).message());
        assertTrue(e.errors().get(2).message().contains("not in the class"), e.errors().get(2).message());
        assertTrue(e.errors().get(3).message().contains("row 2"), e.errors().get(3).message());
    }

    @Test
    void a_code_that_is_not_the_students_own_is_refused() {
        String other = WEEK3.variant("s002").code();
        String mine = WEEK3.variant("s001").code();
        ProblemException e = assertThrows(ProblemException.class, () -> ClassCsv.answers(
                "student,code,W31\ns001," + other + ",0.2\n", WEEK3, Notation.Profile.SEED, CLASS));
        assertEquals(List.of("row 2, column 2"), fields(e));
        assertEquals(1, ClassCsv.answers("student,code,W31\ns001," + mine.toLowerCase() + ",0.2\n", WEEK3,
                Notation.Profile.SEED, CLASS).size());
    }

    @Test
    void a_file_that_is_not_csv_is_named_by_its_row() {
        ProblemException e = assertThrows(ProblemException.class, () -> ClassCsv.answers(
                "student,W31\ns001,\"0.2\n", WEEK3, Notation.Profile.SEED, CLASS));
        assertTrue(fields(e).get(0).startsWith("row "), fields(e).toString());
    }

    @Test
    void the_gradebook_has_a_row_per_student_with_each_answer_its_mark_and_its_diagnosis() throws Exception {
        Variant v1 = WEEK3.variant("s001");
        Variant v2 = WEEK3.variant("s002");
        Map<String, Double> right = ByHand.careful().work(v1.problem());
        Map<String, Double> flipped = ByHand.making(ByHand.Slip.UPDATE_DIRECTION).work(v2.problem());
        String csv = "student,delta[2][0],W[2][0][0]\n"
                + "s001," + ByHand.written(right.get("delta[2][0]"), 4) + "," + ByHand.written(right.get("W[2][0][0]"), 4)
                + "\n" + "s002,," + ByHand.written(flipped.get("W[2][0][0]"), 4) + "\n";
        ClassMarking marked = ClassMarking.mark(WEEK3, ClassCsv.answers(csv, WEEK3, Notation.Profile.SEED, CLASS),
                AnswerKey.Options.DEFAULT);
        String book = ClassCsv.gradebook(marked);
        List<List<String>> rows = new ArrayList<>();
        try (MappingIterator<List<String>> it = new CsvMapper().enable(CsvParser.Feature.WRAP_AS_ARRAY)
                .readerForListOf(String.class).readValues(book)) {
            it.forEachRemaining(rows::add);
        }
        assertEquals(3, rows.size());
        List<String> head = rows.get(0);
        assertEquals(List.of("student", "code", "correct", "total"), head.subList(0, 4));
        int w = head.indexOf("W[2][0][0]");
        assertEquals("W[2][0][0] mark", head.get(w + 1));
        assertEquals("W[2][0][0] diagnosis", head.get(w + 2));
        int d = head.indexOf("delta[2][0]");
        assertEquals(List.of("s001", v1.code(), "2", "4"), rows.get(1).subList(0, 4));
        assertEquals("right", rows.get(1).get(w + 1));
        assertEquals(List.of("s002", v2.code(), "0", "4"), rows.get(2).subList(0, 4));
        assertEquals(List.of("", "blank", ""), rows.get(2).subList(d, d + 3));
        assertEquals(List.of("wrong", "update-direction"), rows.get(2).subList(w + 1, w + 3));
    }

    @Test
    void a_student_id_a_spreadsheet_would_run_as_a_formula_is_written_harmless() {
        Variants v = Variants.of(VariantsTest.seed(), List.of("W[2][0][0]"), "x");
        String book = ClassCsv.gradebook(ClassMarking.mark(v, List.of(new ClassMarking.Submission("=cmd", Map.of())),
                AnswerKey.Options.DEFAULT));
        String row = book.lines().skip(1).findFirst().orElseThrow();
        assertTrue(row.startsWith("'=cmd,") || row.startsWith("\"'=cmd\","), book);
    }
}
