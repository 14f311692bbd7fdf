package io.takerflow.journal;

/**
 * Switches off Chronicle's usage analytics, which otherwise posts to Google Analytics (and writes a client id into
 * the user's home) the first time a queue is built in a JVM that has no JUnit on its class path. The engine must
 * never send anything anywhere except the exchange connections a user configured, so this cannot depend on a
 * launcher flag: every public journal type calls {@link #disable()} in its static initialiser, before any Chronicle
 * class is initialised, which covers {@code java -jar}, IDE runs and library use. {@code jvm.flags} keeps
 * {@code -Dchronicle.analytics.disable=true} as well, and the build leaves {@code chronicle-analytics} off the class
 * path altogether.
 * <p>
 * This class must not refer to any Chronicle type.
 */
public final class ChronicleAnalytics
{
    /** The system property Chronicle reads when it builds its analytics. */
    public static final String DISABLE_PROPERTY = "chronicle.analytics.disable";

    static
    {
        System.setProperty(DISABLE_PROPERTY, "true");
    }

    private ChronicleAnalytics()
    {
    }

    /**
     * Sets {@code chronicle.analytics.disable=true} (once per JVM: the work is done by loading this class); call it
     * before touching any Chronicle type.
     */
    public static void disable()
    {
        // the static initialiser has run by the time this body executes
    }
}
