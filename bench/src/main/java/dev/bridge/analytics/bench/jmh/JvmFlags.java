package dev.bridge.analytics.bench.jmh;

/**
 * The JVM flags every fork needs (Agrona, Chronicle Map), as compile-time constants for
 * {@code @Fork(jvmArgsAppend = ...)}: the same list as the {@code analytics.jvm.flags} property of the parent pom,
 * which {@code JvmFlagsTest} keeps equal. JDK 24+ also needs {@code --enable-native-access=ALL-UNNAMED
 * --sun-misc-unsafe-memory-access=allow}, which JDK 17 refuses: {@code bench/run.sh} appends those when needed.
 * Constants only; thread-safe.
 */
public final class JvmFlags
{
    public static final String EXPORT_MISC = "--add-exports=java.base/jdk.internal.misc=ALL-UNNAMED";
    public static final String EXPORT_REF = "--add-exports=java.base/jdk.internal.ref=ALL-UNNAMED";
    public static final String EXPORT_NIO = "--add-exports=java.base/sun.nio.ch=ALL-UNNAMED";
    public static final String EXPORT_JAVAC = "--add-exports=jdk.compiler/com.sun.tools.javac.file=ALL-UNNAMED";
    public static final String OPEN_LANG = "--add-opens=java.base/java.lang=ALL-UNNAMED";
    public static final String OPEN_REFLECT = "--add-opens=java.base/java.lang.reflect=ALL-UNNAMED";
    public static final String NO_ANALYTICS = "-Dchronicle.analytics.disable=true";
    public static final String NO_ANNOUNCER = "-Dchronicle.announcer.disable=true";

    /** All of them, in the pom's order. */
    public static final String[] ALL = {
        EXPORT_MISC, EXPORT_REF, EXPORT_NIO, EXPORT_JAVAC, OPEN_LANG, OPEN_REFLECT, NO_ANALYTICS, NO_ANNOUNCER };

    private JvmFlags()
    {
    }
}
