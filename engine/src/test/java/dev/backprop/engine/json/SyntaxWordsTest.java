package dev.backprop.engine.json;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backprop.engine.nn.ProblemException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Malformed JSON refused in words: where, what was found and what was expected, never the parser's own text. */
class SyntaxWordsTest {

    private static String message(String json) {
        ProblemException e = assertThrows(ProblemException.class, () -> ProblemJson.parse(json));
        return e.errors().get(0).message();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '~', value = {
        "abc                     | line 1, column 1 | “abc” is not a JSON value: a value is a number",
        "{\"loss\": tru}         | column 10        | “tru” is not a JSON value; did you mean true?",
        "{\"layers\": [1, 2,]}   | column 18        | a value was expected before “]”: a list or object may not end with a comma",
        "{\"a\": 1,}             | column 9         | a field name was expected before “}”: an object may not end with a comma",
        "{'loss': 1}             | column 2         | field names are written in double quotes",
        "{\"a\" 1}               | column 6         | a colon (:) was expected between a field's name and its value, found “1”",
        "{\"a\": 1 \"b\": 2}     | column 9         | a comma (,) or } was expected after a field's value",
        "[1 2]                   | column 4         | a comma (,) or ] was expected after a list's item, found “2”",
        "{\"a\": 01}             | column 8         | a number may not start with 0 followed by more digits",
        "{\"a\": .5}             | column 7         | a number starts with a digit: write 0.5, not .5",
        "{\"a\": [1, 2}          | column 12        | “}” closes an object here, but the last one opened is a list [",
        "{\"a\": 1]              | column 8         | “]” closes a list here, but the last one opened is an object {",
        "{\"a\": \"\\q\"}        | column 9         | “\\q” is not an escape JSON knows",
        "{\"a\": 1, \"a\": 2}    | column 13        | the field “a” appears twice in the same object",
        "{\"a\": +1}             | column 8         | a number may not start with +",
        "{\"a\": 1.}             | column 8         | a decimal point must be followed by digits"})
    void a_syntax_mistake_is_said_in_words_with_where_it_is(String json, String where, String words) {
        String m = message(json);
        assertTrue(m.startsWith("is not valid JSON at "), m);
        assertTrue(m.contains(where), "where: " + m);
        assertTrue(m.contains(words), "in words: " + m);
        assertTrue(m.contains("(near “"), "the text around the place: " + m);
        for (String jargon : new String[] {"Unexpected character", "(code ", "JSON String", "Unrecognized token", "REDACTED",
            "Source:", "close marker", "StreamReadFeature"}) {
            assertFalse(m.contains(jargon), "no parser jargon (" + jargon + "): " + m);
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {"{\"a\": \"x\ny\"}", "{\"layers\": [{\"size\": 2}, {\"size\" 2}]}"})
    void a_long_text_is_cut_to_the_part_near_the_mistake(String json) {
        String m = message(json + " ".repeat(0));
        assertTrue(m.length() < 400, m);
    }
}
