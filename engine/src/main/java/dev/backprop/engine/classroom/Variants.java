package dev.backprop.engine.classroom;

import dev.backprop.engine.check.AnswerKey;
import dev.backprop.engine.check.Checker;
import dev.backprop.engine.check.MistakeValue;
import dev.backprop.engine.check.MistakeValues;
import dev.backprop.engine.nn.Activation;
import dev.backprop.engine.nn.FieldError;
import dev.backprop.engine.nn.Layer;
import dev.backprop.engine.nn.Network;
import dev.backprop.engine.nn.Problem;
import dev.backprop.engine.nn.ProblemException;
import dev.backprop.engine.nn.Sample;
import dev.backprop.engine.trace.Quantity;
import dev.backprop.engine.trace.Step;
import dev.backprop.engine.train.Solver;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * A class's exercise made into one variant per student (contract §4). A student's numbers follow
 * from the exercise, the asked quantities, the salt and the student's id alone, so the same
 * request gives the same numbers on any server, in any order and whatever the rest of the class;
 * nothing is stored.
 *
 * <pre>{@code
 * Variants week3 = Variants.of(exercise, List.of("delta", "W"), "week-3");
 * Variant mine = week3.variant("s001");
 * mine.code();                       // "K7QF-2MX", printed on the handout
 * mine.problem();                    // the student's own problem
 * mine.answers().get("delta[2][0]"); // its exact value
 * }</pre>
 *
 * <h2>How a student's numbers are drawn</h2>
 * <ol>
 *   <li>The seed text is the {@link Canonical canonical} JSON of
 *       {@code {"version": 1, "exercise": …, "ask": […], "salt": "…", "student": "…"}}: the exercise's
 *       canonical tree ({@link Exercise#canonical()}), the asked quantities' keys in the order of the
 *       worked solution (so {@code ["delta"]} and its three keys are the same ask), the salt and the
 *       id as given. Its SHA-256 (of the UTF-8 bytes) is the variant's hash; bytes 0–7, read as a
 *       big-endian 64-bit number, seed {@link Draws} (SplitMix64), and bytes 8–11 make its
 *       {@link VariantCode code}.</li>
 *   <li>A draw takes numbers from that stream in this order: for each dense layer from the first,
 *       its weights row by row (neuron j, then each weight from neuron i below) if they are drawn,
 *       then its biases if they are; then for each drawn sample its inputs, then its targets. Each
 *       number is a whole number of hundredths: a weight's size k is {@code between(5, m)} hundredths,
 *       with m = 100 for a layer with at most 4 inputs and ⌊200/√inputs⌋ (at least 10) above that, then
 *       its sign {@code below(2)} (1: negative); a bias's size {@code between(5, 50)}, then its sign;
 *       an input {@code between(5, 95)}; a target {@code between(1, 99)} for a sigmoid output,
 *       {@code between(5, 95)} then a sign for tanh, {@code between(5, 95)} for linear and relu, and for
 *       softmax a one-hot target with its 1 at {@code below(n)}.</li>
 *   <li>The draw is kept when, worked out, it teaches: no unit saturated or dead (every sigmoid
 *       output in [0.05, 0.95], every tanh output within ±0.9, every relu's z at least 0.05, every
 *       softmax output in [0.02, 0.98]); every asked quantity at least {@value #MIN_MAGNITUDE} in
 *       size; and for every asked quantity, every known mistake the checker names
 *       ({@link AnswerKey#mistakeValues}) gives a value that the marking tells apart, at three
 *       significant figures, from the right value and from every other mistake's value (unless they
 *       are equal: then it is one number and the checker names one of them). A mistake made
 *       throughout the calculation whose effect on this quantity does not show at three
 *       significant figures is let be: it is invisible at that precision and the answer is right.</li>
 *   <li>Otherwise the next draw continues the same stream, up to {@value #MAX_DRAWS} draws; if none
 *       passes, the draw that came closest is kept (the one that passed the most tests, the first of
 *       those) with its {@link Variant#warnings()}.</li>
 * </ol>
 */
public final class Variants {
    /** The most students in one class. */
    public static final int MAX_STUDENTS = 500;
    /** The most draws for one student before the closest is taken. */
    public static final int MAX_DRAWS = 32;
    /** The most characters in a student's id. */
    public static final int MAX_ID_LENGTH = 100;
    /** The most characters in a salt. */
    public static final int MAX_SALT_LENGTH = 200;
    /** No asked quantity is smaller than this in magnitude. */
    public static final double MIN_MAGNITUDE = 1e-4;
    /**
     * The most work one class's variants may take: students × quantities worked in the first update
     * at most this (the seed's 2-2-1 works 29, so 500 students; a 2-3-2 works 51, so 392), which
     * keeps a class's variants, and its marking, to a few seconds on one core.
     */
    public static final long MAX_WORK = 20_000L;
    /** The version of the derivation, in the seed text: a change that moves any student's numbers bumps it. */
    static final int VERSION = 1;

    private static final int INPUT_LO = 10;
    private static final int INPUT_HI = 100;
    private static final MathContext THREE = new MathContext(3, RoundingMode.HALF_UP);
    private static final List<String> KINDS = List.of("z", "a", "loss", "delta", "dW", "db", "W", "b");

    private final Exercise exercise;
    private final List<String> ask;
    private final String salt;
    private final int steps;
    // the asked keys in the order their mistakes are looked at: the updates first, which most often
    // fail (an update too small to see), so that a draw that fails costs least
    private final List<String> checkOrder;
    private final Set<String> asked;

    private Variants(Exercise exercise, List<String> ask, String salt, int steps) {
        this.exercise = exercise;
        this.ask = List.copyOf(ask);
        List<String> order = new ArrayList<>(ask);
        Collections.reverse(order);
        this.checkOrder = List.copyOf(order);
        this.asked = Set.copyOf(ask);
        this.salt = salt;
        this.steps = steps;
    }

    /**
     * The variants of an exercise with these quantities asked — keys ({@code delta[2][0]}) or kinds
     * ({@code z}, {@code a}, {@code loss}, {@code delta}, {@code dW}, {@code db}, {@code W}, {@code b},
     * each standing for every quantity of that kind in the first update, or {@code all} for all of
     * them) — and a salt. Throws {@link ProblemException} naming {@code ask}, {@code ask[i]} or
     * {@code salt} when they cannot be used.
     */
    public static Variants of(Exercise exercise, List<String> ask, String salt) {
        List<FieldError> errors = new ArrayList<>();
        if (salt.length() > MAX_SALT_LENGTH) {
            errors.add(new FieldError("salt", "has " + salt.length() + " characters; at most " + MAX_SALT_LENGTH));
        }
        AnswerKey shape = AnswerKey.of(exercise.template());
        List<String> keys = expand(shape, ask, errors);
        if (!errors.isEmpty()) {
            throw new ProblemException(errors);
        }
        return new Variants(exercise, keys, salt, shape.steps().size());
    }

    /** The asked quantities' keys in the order of the worked solution, or errors naming {@code ask[i]}. */
    private static List<String> expand(AnswerKey shape, List<String> ask, List<FieldError> errors) {
        if (ask.isEmpty()) {
            errors.add(new FieldError("ask", "name at least one quantity to work out: a kind (delta, dW, W …) or a key"
                    + " like delta[2][0]"));
            return List.of();
        }
        Set<String> chosen = new LinkedHashSet<>();
        Set<String> kinds = new LinkedHashSet<>();
        for (int i = 0; i < ask.size(); i++) {
            String a = ask.get(i).strip();
            if (a.equals("all")) {
                kinds.addAll(KINDS);
            } else if (KINDS.contains(a)) {
                kinds.add(a);
            } else {
                String why = askable(shape, a);
                if (why != null) {
                    errors.add(new FieldError("ask[" + i + "]", why));
                } else {
                    chosen.add(a);
                }
            }
        }
        List<String> keys = new ArrayList<>();
        for (Step s : shape.steps()) {
            String k = s.quantity().key();
            boolean ofKind = kinds.contains(s.quantity().kind().keyName()) && askable(s) && s.quantity().kind().contract();
            if (ofKind || chosen.contains(k)) {
                keys.add(k);
            }
        }
        if (keys.isEmpty() && errors.isEmpty()) {
            errors.add(new FieldError("ask", "names no quantity this exercise works out"));
        }
        return keys;
    }

    /** Whether a step is something a student works out (not a stated value, nor a bias kept fixed). */
    private static boolean askable(Step s) {
        return !(s instanceof Step.Given) && !(s instanceof Step.Unchanged);
    }

    /** Why a key cannot be asked for, or null when it can. */
    private static String askable(AnswerKey shape, String key) {
        if (Quantity.parse(key).isEmpty()) {
            String shown = key.length() > 40 ? key.substring(0, 40) + "…" : key;
            return "\"" + shown + "\" is neither a kind (z, a, loss, delta, dW, db, W, b, all) nor a quantity key like"
                    + " delta[2][0]";
        }
        if (!shape.has(key)) {
            return "\"" + key + "\" is not a quantity of this exercise's first update";
        }
        Step s = shape.step(key);
        if (s instanceof Step.Given) {
            return "\"" + key + "\" is stated by the exercise (given), so there is nothing to work out";
        }
        if (s instanceof Step.Unchanged) {
            return "\"" + key + "\" is a bias the exercise keeps fixed (updateBiases is false)";
        }
        Quantity.Kind kind = s.quantity().kind();
        if (!kind.contract() && kind != Quantity.Kind.LOSS_BEFORE) {
            return "\"" + key + "\" is data of the exercise, not something to work out";
        }
        return null;
    }

    /** The exercise. */
    public Exercise exercise() {
        return exercise;
    }

    /** The asked quantities' keys, in the order of the worked solution. */
    public List<String> ask() {
        return ask;
    }

    /** The salt. */
    public String salt() {
        return salt;
    }

    /**
     * Checks a class's list of student ids: at most {@value #MAX_STUDENTS}, none blank, none longer
     * than {@value #MAX_ID_LENGTH} characters or holding control characters, none twice. Each error
     * names {@code students} or {@code students[i]}.
     */
    public List<FieldError> checkStudents(List<String> students) {
        List<FieldError> errors = new ArrayList<>();
        if (students.isEmpty()) {
            errors.add(new FieldError("students", "list at least one student id"));
        }
        if (students.size() > MAX_STUDENTS) {
            errors.add(new FieldError("students", "has " + students.size() + " students; a class has at most "
                    + MAX_STUDENTS));
            return errors;
        }
        long work = (long) students.size() * steps;
        if (work > MAX_WORK) {
            errors.add(new FieldError("students", "a class of " + students.size() + " on an exercise of " + steps
                    + " worked quantities is more than the server draws at once (students × quantities at most "
                    + String.format(Locale.ROOT, "%,d", MAX_WORK) + "); split the class or use a smaller network"));
        }
        Map<String, Integer> seen = new HashMap<>();
        for (int i = 0; i < students.size(); i++) {
            String id = students.get(i);
            String why = idProblem(id);
            if (why != null) {
                errors.add(new FieldError("students[" + i + "]", why));
                continue;
            }
            Integer before = seen.putIfAbsent(id, i);
            if (before != null) {
                errors.add(new FieldError("students[" + i + "]", "\"" + id + "\" is listed twice (also students["
                        + before + "])"));
            }
        }
        return errors;
    }

    /** What is wrong with a student id, or null when nothing is. */
    static String idProblem(String id) {
        if (id.isBlank()) {
            return "is blank; give each student an id";
        }
        if (id.length() > MAX_ID_LENGTH) {
            return "has " + id.length() + " characters; an id has at most " + MAX_ID_LENGTH;
        }
        if (!id.equals(id.strip())) {
            return "\"" + id + "\" begins or ends with spaces";
        }
        for (int k = 0; k < id.length(); k++) {
            if (Character.isISOControl(id.charAt(k))) {
                return "holds a control character (a tab or line break?) at position " + (k + 1);
            }
        }
        return null;
    }

    /**
     * The variants of a class, in the order given; throws {@link ProblemException} with
     * {@link #checkStudents}'s errors.
     */
    public List<Variant> variants(List<String> students) {
        List<FieldError> errors = checkStudents(students);
        if (!errors.isEmpty()) {
            throw new ProblemException(errors);
        }
        List<Variant> out = new ArrayList<>(students.size());
        for (String s : students) {
            out.add(variant(s));
        }
        return out;
    }

    /** One student's variant; throws {@link ProblemException} naming {@code student} for an id that cannot be used. */
    public Variant variant(String student) {
        String why = idProblem(student);
        if (why != null) {
            throw ProblemException.of("student", why);
        }
        byte[] hash = hash(student);
        String code = VariantCode.of(hash);
        long seed = 0;
        for (int k = 0; k < 8; k++) {
            seed = seed << 8 | (hash[k] & 0xFF);
        }
        Draws rng = new Draws(seed);
        int tries = exercise.drawsAnything() ? MAX_DRAWS : 1;
        Problem best = null;
        AnswerKey bestKey = null;
        long bestScore = -1;
        for (int t = 1; t <= tries; t++) {
            Problem p = draw(rng);
            Verdict v = judge(p, false);
            if (v.issues.isEmpty()) {
                return new Variant(student, code, p, ask, v.key, t, List.of());
            }
            if (v.score > bestScore && v.key != null) {
                bestScore = v.score;
                best = p;
                bestKey = v.key;
            }
        }
        if (best == null) {
            throw ProblemException.of("exercise", "no numbers drawn for this exercise could be worked out (every draw"
                    + " overflowed or took the log of 0); change the fixed values");
        }
        return new Variant(student, code, best, ask, bestKey, tries, judge(best, true).issues);
    }

    /** The variant's hash: SHA-256 of the canonical seed text (see the class comment). */
    byte[] hash(String student) {
        return sha256(seedText(student));
    }

    /** The seed text for a student: the canonical JSON of the version, exercise, ask, salt and id. */
    String seedText(String student) {
        Map<String, Object> tree = new TreeMap<>();
        tree.put("version", VERSION);
        tree.put("exercise", exercise.canonicalTree());
        tree.put("ask", new ArrayList<Object>(ask));
        tree.put("salt", salt);
        tree.put("student", student);
        return Canonical.write(tree);
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java has SHA-256", e);
        }
    }

    // ---- one draw ----

    private Problem draw(Draws rng) {
        Problem t = exercise.template();
        Network net = t.network();
        int depth = net.depth();
        double[][][] w = new double[depth][][];
        double[][] b = new double[depth][];
        for (int l = 1; l < depth; l++) {
            Layer layer = net.layer(l);
            w[l] = layer.weights();
            b[l] = layer.biases();
            if (exercise.weightsDrawn(l)) {
                int most = weightLimit(layer.inputs());
                for (double[] row : w[l]) {
                    for (int i = 0; i < row.length; i++) {
                        row[i] = signed(rng, rng.between(5, most));
                    }
                }
            }
            if (exercise.biasesDrawn(l)) {
                // sizes now; signs once the weighted inputs they add to are worked out (below)
                for (int j = 0; j < b[l].length; j++) {
                    b[l][j] = rng.between(5, 50) / 100.0;
                }
            }
        }
        int count = exercise.samplesDrawn();
        List<Sample> samples = t.samples();
        double[][] inputs = new double[count][net.inputSize()];
        if (count > 0) {
            for (double[] input : inputs) {
                for (int i = 0; i < input.length; i++) {
                    input[i] = rng.between(INPUT_LO, INPUT_HI) / 100.0;
                }
            }
            List<Sample> placeholders = Exercise.placeholderSamples(net, t.loss(), count);
            samples = new ArrayList<>();
            for (int s = 0; s < count; s++) {
                samples.add(new Sample(inputs[s], placeholders.get(s).target()));
            }
        }
        // A drawn bias takes the sign of the weighted input Σ W·a it is added to (the first sample's),
        // so that it moves z away from 0, where a tanh is nearly linear and a relu nearly off; a relu's
        // is positive. Layer by layer, since each layer's inputs follow from the biases below.
        for (int l = 1; l < depth; l++) {
            if (!exercise.biasesDrawn(l)) {
                continue;
            }
            Activation f = net.layer(l).activation();
            Map<String, Double> z = worked(exercise.with(network(net, w, b), samples), Quantity.Kind.Z, l);
            for (int j = 0; j < b[l].length; j++) {
                Double zj = z.get(Quantity.z(l, j).key());
                double weighted = zj == null ? 1 : zj - b[l][j];
                b[l][j] = f == Activation.RELU || weighted >= 0 ? b[l][j] : -b[l][j];
            }
        }
        Network drawn = network(net, w, b);
        if (count == 0) {
            return exercise.with(drawn, samples);
        }
        // The targets once the outputs they go with are worked out.
        int out = depth - 1;
        Map<String, Double> outputs = worked(exercise.with(drawn, samples), Quantity.Kind.A, out);
        Activation f = net.output().activation();
        List<Sample> aimed = new ArrayList<>();
        for (int s = 0; s < count; s++) {
            double[] y = new double[net.output().size()];
            if (f == Activation.SOFTMAX) {
                y[rng.below(y.length)] = 1;
            } else {
                for (int j = 0; j < y.length; j++) {
                    y[j] = target(rng, f, outputs.get(Quantity.a(out, j).ofSample(s).key()));
                }
            }
            aimed.add(new Sample(inputs[s], y));
        }
        return exercise.with(drawn, aimed);
    }

    private static Network network(Network shape, double[][][] w, double[][] b) {
        List<Layer> layers = new ArrayList<>();
        for (int l = 1; l < shape.depth(); l++) {
            layers.add(new Layer(shape.layer(l).activation(), w[l], b[l]));
        }
        return Network.of(shape.inputSize(), layers);
    }

    /** The values of one kind of quantity of one layer in the first update, by key; empty when it cannot be worked out. */
    private static Map<String, Double> worked(Problem p, Quantity.Kind kind, int layer) {
        Map<String, Double> out = new HashMap<>();
        try {
            for (Step st : Solver.solve(p).firstUpdate().steps()) {
                if (st.quantity().kind() == kind && st.quantity().layer() == layer) {
                    out.put(st.quantity().key(), st.value());
                }
            }
        } catch (ProblemException e) {
            // nothing to aim at: the caller draws as if the values were not known
        }
        return out;
    }

    /** The largest weight size in hundredths for a layer with this many inputs. */
    static int weightLimit(int inputs) {
        return inputs <= 4 ? 100 : Math.max(10, (int) Math.floor(200 / Math.sqrt(inputs)));
    }

    private static double signed(Draws rng, int hundredths) {
        return (rng.below(2) == 1 ? -hundredths : hundredths) / 100.0;
    }

    /**
     * One target for an output: on the far side of the output {@code a} as first worked out (so that
     * the error, and every gradient with it, is large enough to see), or anywhere when {@code a} is
     * not known (a sample outside the first update).
     */
    private static double target(Draws rng, Activation out, Double a) {
        return switch (out) {
            case SIGMOID -> a == null ? rng.between(1, 99) / 100.0
                    : a >= 0.5 ? rng.between(1, 20) / 100.0 : rng.between(80, 99) / 100.0;
            case TANH -> a == null ? signed(rng, rng.between(5, 95))
                    : (a >= 0 ? -1 : 1) * rng.between(50, 95) / 100.0;
            default -> a == null ? rng.between(5, 95) / 100.0
                    : a >= 0.5 ? rng.between(5, 25) / 100.0 : rng.between(75, 95) / 100.0;
        };
    }

    // ---- whether a draw teaches ----

    /** The outcome of judging a draw: its answer key (null when it could not be solved), what is wrong, how far it got. */
    private record Verdict(AnswerKey key, List<Variant.Warning> issues, long score) {
    }

    /**
     * Judges a draw: solved, no unit saturated or dead, every asked quantity of some size, every
     * mistake's value told apart. With {@code all} false it stops at the first issue.
     */
    private Verdict judge(Problem p, boolean all) {
        AnswerKey key;
        try {
            key = AnswerKey.of(p);
        } catch (ProblemException e) {
            return new Verdict(null, List.of(new Variant.Warning("", "cannot be worked out: "
                    + e.errors().get(0).message())), 0);
        }
        List<Variant.Warning> issues = new ArrayList<>();
        long score = 1;
        for (Step s : key.steps()) {
            String unit = unitProblem(s);
            if (unit != null) {
                issues.add(new Variant.Warning(s.quantity().key(), unit));
                if (!all) {
                    return new Verdict(key, issues, score);
                }
            }
        }
        score = 2;
        for (String k : ask) {
            double v = Math.min(Math.abs(key.exact(k)), Math.abs(key.step(k).value()));
            if (!(v >= MIN_MAGNITUDE)) {
                issues.add(new Variant.Warning(k, "is " + show(key.exact(k)) + ", smaller than " + MIN_MAGNITUDE
                        + " in size"));
                if (!all) {
                    return new Verdict(key, issues, score);
                }
            }
        }
        // The mistakes made in each step first (one replay for them all), then those made throughout,
        // one mistake at a time (a replay each), so that a draw that fails early costs little.
        score = 3L << 20;
        MistakeValues mistakes = key.mistakes();
        Map<String, Tally> tallies = new HashMap<>();
        for (String k : checkOrder) {
            Tally tally = new Tally(k, key.exact(k), key.step(k).value());
            tallies.put(k, tally);
            for (MistakeValue mv : mistakes.inStep(k)) {
                if (tally.add(mv, issues) && !all) {
                    return new Verdict(key, issues, score);
                }
            }
            score++;
        }
        score = 4L << 20;
        for (MistakeValues.Throughout t : mistakes.throughout()) {
            for (String k : ask) {
                Double v = t.value(k);
                if (v != null && t.reachesUnwritten(k, asked)
                        && tallies.get(k).add(new MistakeValue(t.diagnosis(), MistakeValue.Where.THROUGHOUT, v), issues)
                        && !all) {
                    return new Verdict(key, issues, score);
                }
            }
            score++;
        }
        return new Verdict(key, issues, score);
    }

    /** Why a worked activation is saturated or dead, or null when it is neither (or the step is no activation). */
    private static String unitProblem(Step s) {
        if (s instanceof Step.Activate a) {
            double v = a.value();
            return switch (a.activation()) {
                case SIGMOID -> v < 0.05 || v > 0.95 ? "the sigmoid unit is saturated (a = " + show(v)
                        + ", outside 0.05 to 0.95)" : null;
                case TANH -> Math.abs(v) > 0.9 ? "the tanh unit is saturated (a = " + show(v) + ", beyond ±0.9)" : null;
                case RELU -> a.z().value() < 0.05 ? "the relu unit is off or nearly (z = " + show(a.z().value())
                        + ", below 0.05)" : null;
                default -> null;
            };
        }
        if (s instanceof Step.Softmax m) {
            double v = m.value();
            return v < 0.02 || v > 0.98 ? "the softmax output is saturated (a = " + show(v) + ", outside 0.02 to 0.98)"
                    : null;
        }
        return null;
    }

    /**
     * The known mistakes' values for one quantity seen so far, each told apart from the right value
     * and from the others at three significant figures (see the class comment).
     */
    static final class Tally {
        private final String key;
        private final double exact;
        private final double worked;
        private final List<MistakeValue> visible = new ArrayList<>();

        Tally(String key, double exact, double worked) {
            this.key = key;
            this.exact = exact;
            this.worked = worked;
        }

        /** Adds a mistake's value; true (with the reason added to {@code issues}) when the marking cannot tell it apart. */
        boolean add(MistakeValue mv, List<Variant.Warning> issues) {
            double v = mv.value();
            if (same(v, exact) || same(v, worked)) {
                return false; // the mistake does not change this quantity
            }
            if (!apart(exact, v) || !apart(worked, v)) {
                if (mv.where() == MistakeValue.Where.THROUGHOUT) {
                    return false; // made throughout, its effect here does not show at this precision
                }
                issues.add(new Variant.Warning(key, mv.diagnosis().code() + " gives " + show(v)
                        + ", which the marking does not tell from the right value " + show(exact)
                        + " at 3 significant figures"));
                return true;
            }
            boolean clash = false;
            for (MistakeValue o : visible) {
                if (o.diagnosis() != mv.diagnosis() && !same(o.value(), v) && !apart(o.value(), v)) {
                    issues.add(new Variant.Warning(key, o.diagnosis().code() + " and " + mv.diagnosis().code() + " give "
                            + show(o.value()) + " and " + show(v) + ", which the marking does not tell apart at 3"
                            + " significant figures"));
                    clash = true;
                }
            }
            visible.add(mv);
            return clash;
        }
    }

    /** Values this close are one value: the same number reached two ways. */
    static boolean same(double u, double v) {
        return Math.abs(u - v) <= 1e-9 * Math.max(Math.max(Math.abs(u), Math.abs(v)), 1e-300);
    }

    /** Whether the marking tells two values apart at three significant figures, each written so against the other. */
    static boolean apart(double u, double v) {
        // Far apart or close together in units of the third figure, it is plain without decimals;
        // the marking's own rule decides between (a third figure's unit is 10^(⌊log₁₀|x|⌋ − 2)).
        // (Rounding to three figures may carry into a fourth, 0.0999 to 0.100, whose unit is ten times
        // as large; below 100 a three-figure value has no trailing zeros before the point.)
        double gap = Math.abs(u - v);
        if (Math.abs(u) < 100 && Math.abs(v) < 100) {
            double smaller = Math.min(third(u), third(v));
            double larger = Math.max(third(u), third(v));
            if (gap > 15 * larger) {
                return true;
            }
            if (gap < 0.25 * smaller) {
                return false;
            }
        }
        return !Checker.agrees(new BigDecimal(u).round(THREE), v) && !Checker.agrees(new BigDecimal(v).round(THREE), u);
    }

    /** The unit of a value's third significant figure. */
    private static double third(double x) {
        return x == 0 ? 0 : Math.pow(10, Math.floor(Math.log10(Math.abs(x))) - 2);
    }

    private static String show(double v) {
        return new BigDecimal(v).round(new MathContext(6, RoundingMode.HALF_UP)).stripTrailingZeros().toPlainString();
    }
}
