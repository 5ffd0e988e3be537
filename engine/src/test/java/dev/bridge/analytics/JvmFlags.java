package dev.bridge.analytics;

import java.util.List;

/** The JVM flags Agrona and Chronicle Map need (as in the parent pom's analytics.jvm.flags), for forked JVMs. */
final class JvmFlags
{
    private JvmFlags()
    {
    }

    static List<String> required()
    {
        return List.of(
            "--add-exports=java.base/jdk.internal.misc=ALL-UNNAMED",
            "--add-exports=java.base/jdk.internal.ref=ALL-UNNAMED",
            "--add-exports=java.base/sun.nio.ch=ALL-UNNAMED",
            "--add-exports=jdk.compiler/com.sun.tools.javac.file=ALL-UNNAMED",
            "--add-opens=java.base/java.lang=ALL-UNNAMED",
            "--add-opens=java.base/java.lang.reflect=ALL-UNNAMED",
            "-Dchronicle.analytics.disable=true",
            "-Dchronicle.announcer.disable=true",
            "-Xmx512m");
    }
}
