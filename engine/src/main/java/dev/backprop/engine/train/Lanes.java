package dev.backprop.engine.train;

/**
 * Whether the fast path may use {@link VectorKernels}: the JDK's Vector API (the incubator module
 * {@code jdk.incubator.vector}, resolved only when the JVM is started with
 * {@code --add-modules jdk.incubator.vector}). This class names no Vector API type, so it loads on
 * any JVM; {@link VectorKernels} is loaded only when this says yes.
 */
final class Lanes {
    private Lanes() {
    }

    /** The system property that turns the Vector API off even when its module is there: {@code -Dbackprop.vector=false}. */
    static final String PROPERTY = "backprop.vector";

    /** True when the Vector API module is in the boot layer and not turned off by {@link #PROPERTY}. */
    static final boolean AVAILABLE = !"false".equalsIgnoreCase(System.getProperty(PROPERTY))
            && ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();
}
