package dev.backprop.engine.classroom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backprop.engine.check.AnswerKey;
import dev.backprop.engine.check.ByHand;
import dev.backprop.engine.check.Diagnosis;
import dev.backprop.engine.nn.FieldError;
import dev.backprop.engine.nn.ProblemException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ClassMarkingTest {
    private static final List<String> ASK = List.of("delta", "dW", "W");

    static Variants week3() {
        return Variants.of(VariantsTest.seed(), ASK, "week-3");
    }

    /** A student's answers to the asked quantities as worked by hand (independently of the engine), to four figures. */
    static ClassMarking.Submission by(ByHand student, Variant v) {
        Map<String, Double> worked = student.work(v.problem());
        Map<String, String> answers = new LinkedHashMap<>();
        for (String k : v.ask()) {
            answers.put(k, ByHand.written(worked.get(k), 4).toPlainString());
        }
        return new ClassMarking.Submission(v.student(), answers);
    }

    @Test
    void each_student_is_marked_against_their_own_variant() {
        Variants week3 = week3();
        Variant ada = week3.variant("ada");
        Variant alan = week3.variant("alan");
        ClassMarking.Submission adaRight = by(ByHand.careful(), ada);
        // Alan copies Ada's answers: right for Ada's numbers, wrong for his own
        ClassMarking.Submission alanCopied = new ClassMarking.Submission("alan", adaRight.answers());
        ClassMarking marked = ClassMarking.mark(week3, List.of(adaRight, alanCopied), AnswerKey.Options.DEFAULT);
        ClassMarking.Student a = marked.student("ada").orElseThrow();
        ClassMarking.Student b = marked.student("alan").orElseThrow();
        assertEquals(ada.ask().size(), a.total());
        assertEquals(a.total(), a.correct());
        assertEquals(alan.code(), b.code());
        assertEquals(0, b.correct());
        for (String k : week3.ask()) {
            assertEquals(ClassMarking.Mark.RIGHT, a.mark(k));
            assertEquals(ClassMarking.Mark.WRONG, b.mark(k), k);
        }
    }

    @Test
    void an_early_slip_is_marked_once_and_the_answers_worked_from_it_are_carried_forward() {
        Variants week3 = week3();
        Variant v = week3.variant("s007");
        // δ_o1 with its sign flipped, then everything worked on from that wrong δ
        ByHand slipped = ByHand.careful().slipAt("delta[2][0]", ByHand.Slip.SIGN_FLIPPED);
        ClassMarking marked = ClassMarking.mark(week3, List.of(by(slipped, v)), AnswerKey.Options.DEFAULT);
        ClassMarking.Student s = marked.students().get(0);
        assertEquals(ClassMarking.Mark.WRONG, s.mark("delta[2][0]"));
        assertEquals(Diagnosis.SIGN_FLIPPED, s.result("delta[2][0]").orElseThrow().diagnosis());
        for (String k : List.of("dW[2][0][0]", "dW[2][0][1]", "W[2][0][0]", "W[2][0][1]", "delta[1][0]", "delta[1][1]",
                "W[1][0][0]", "W[1][1][1]")) {
            assertEquals(ClassMarking.Mark.CARRIED_FORWARD, s.mark(k), k);
        }
        // §5: correct counts the right answers and those carried forward
        assertEquals(s.total() - 1, s.correct());
        ClassMarking.Summary delta = marked.summary().get("delta[2][0]");
        assertEquals(1, delta.wrong());
        assertEquals(Map.of(Diagnosis.SIGN_FLIPPED, 1), delta.diagnoses());
        assertEquals(1, marked.summary().get("W[2][0][0]").carriedForward());
        assertEquals(1, marked.summary().get("W[2][0][0]").correct());
    }

    @Test
    void the_summary_counts_every_student_once_and_names_the_most_common_mistake() {
        Variants week3 = week3();
        List<ClassMarking.Submission> subs = new ArrayList<>();
        List<String> ids = VariantsTest.ids(10);
        for (int i = 0; i < ids.size(); i++) {
            Variant v = week3.variant(ids.get(i));
            ByHand student = i < 4 ? ByHand.careful()
                    : i < 7 ? ByHand.making(ByHand.Slip.UPDATE_DIRECTION)
                    : i < 9 ? ByHand.making(ByHand.Slip.LEARNING_RATE_OMITTED) : ByHand.careful();
            ClassMarking.Submission s = by(student, v);
            if (i == 9) {
                Map<String, String> some = new LinkedHashMap<>(s.answers());
                some.put("W[2][0][0]", "");
                some.remove("W[2][0][1]");
                s = new ClassMarking.Submission(s.student(), some);
            }
            subs.add(s);
        }
        ClassMarking marked = ClassMarking.mark(week3, subs, AnswerKey.Options.DEFAULT);
        for (ClassMarking.Summary q : marked.summary().values()) {
            assertEquals(10, q.total());
        }
        ClassMarking.Summary w = marked.summary().get("W[2][0][0]");
        assertEquals(4, w.right());
        assertEquals(5, w.wrong());
        assertEquals(1, w.blank());
        assertEquals(Map.of(Diagnosis.UPDATE_DIRECTION, 3, Diagnosis.LEARNING_RATE_OMITTED, 2), w.diagnoses());
        assertEquals(1, marked.summary().get("W[2][0][1]").blank());
        assertEquals(10, marked.summary().get("delta[2][0]").right());
        ClassMarking.Common common = marked.mostCommonMistake().orElseThrow();
        assertEquals(Diagnosis.UPDATE_DIRECTION, common.diagnosis());
        assertEquals(3, common.students());
        assertEquals(3 * 6, common.count()); // each of the six weights of the seed's network
        assertEquals("W[2][0][0]", common.quantity());
        assertEquals("s005", common.example());
    }

    @Test
    void a_class_with_no_known_mistake_has_no_most_common_one() {
        Variants week3 = week3();
        Variant v = week3.variant("s001");
        ClassMarking marked = ClassMarking.mark(week3, List.of(by(ByHand.careful(), v)), AnswerKey.Options.DEFAULT);
        assertTrue(marked.mostCommonMistake().isEmpty());
    }

    @Test
    void bad_submissions_are_refused_naming_the_submission_and_the_answer() {
        Variants week3 = week3();
        ProblemException e = assertThrows(ProblemException.class, () -> ClassMarking.mark(week3, List.of(
                new ClassMarking.Submission("s001", Map.of("delta[2][0]", "0.1")),
                new ClassMarking.Submission("s002", Map.of("delta[2][0]", "about 0.1")),
                new ClassMarking.Submission("s003", Map.of("z[1][0]", "0.3")),
                new ClassMarking.Submission("s001", Map.of())), AnswerKey.Options.DEFAULT));
        assertEquals(List.of("submissions[3].student", "submissions[1].answers.delta[2][0]", "submissions[2].answers.z[1][0]"),
                e.errors().stream().map(FieldError::field).toList());
        List<ClassMarking.Submission> tooMany = new ArrayList<>();
        for (String id : VariantsTest.ids(Variants.MAX_STUDENTS + 1)) {
            tooMany.add(new ClassMarking.Submission(id, Map.of()));
        }
        ProblemException big = assertThrows(ProblemException.class,
                () -> ClassMarking.mark(week3, tooMany, AnswerKey.Options.DEFAULT));
        assertEquals("submissions", big.errors().get(0).field());
    }
}
