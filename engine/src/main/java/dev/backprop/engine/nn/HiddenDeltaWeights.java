package dev.backprop.engine.nn;

import java.util.Optional;

/** Which weights of the layer above the hidden deltas use. */
public enum HiddenDeltaWeights {
    /** The weights as they were before the update (correct backpropagation). */
    ORIGINAL("original"),
    /** The already-updated weights: the slip behind some published examples (batch size 1 only). */
    UPDATED("updated");

    private final String id;

    HiddenDeltaWeights(String id) {
        this.id = id;
    }

    /** The contract's name. */
    public String id() {
        return id;
    }

    /** Finds a rule by its contract name. */
    public static Optional<HiddenDeltaWeights> byId(String id) {
        for (HiddenDeltaWeights h : values()) {
            if (h.id.equals(id)) {
                return Optional.of(h);
            }
        }
        return Optional.empty();
    }
}
