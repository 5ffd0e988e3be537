package dev.bridge.analytics;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.library.dependencies.SliceAssignment;
import com.tngtech.archunit.library.dependencies.SliceIdentifier;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The engine's layout, checked over its compiled classes: no cycle between its packages (the root package, the
 * composition root, counts as one), and nothing in it depends on an adapter, the command line or the benchmarks,
 * which all sit on top of the engine's public API.
 */
class ArchitectureTest
{
    private static final String ROOT = "dev.bridge.analytics";
    private static final JavaClasses ENGINE = new ClassFileImporter()
        .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
        .withImportOption(location -> !location.contains("/analytics/testing/") && !location.contains("test-support"))
        .importPackages(ROOT);

    /** Each class to the package right under {@value #ROOT}, or to "root" for the root package itself. */
    private static final SliceAssignment TOP_PACKAGES = new SliceAssignment()
    {
        @Override
        public SliceIdentifier getIdentifierOf(final JavaClass javaClass)
        {
            final String name = javaClass.getPackageName();
            if (name.equals(ROOT))
            {
                return SliceIdentifier.of("root");
            }
            if (!name.startsWith(ROOT + "."))
            {
                return SliceIdentifier.ignore();
            }
            final String rest = name.substring(ROOT.length() + 1);
            final int dot = rest.indexOf('.');
            return SliceIdentifier.of(dot < 0 ? rest : rest.substring(0, dot));
        }

        @Override
        public String getDescription()
        {
            return "the packages right under " + ROOT + " (and the root package)";
        }
    };

    @Test
    void shouldHaveNoCycleBetweenTheEnginesPackages()
    {
        slices().assignedFrom(TOP_PACKAGES).should().beFreeOfCycles().check(ENGINE);
    }

    @Test
    void shouldNotDependOnAnAdapterTheCommandLineOrTheBenchmarks()
    {
        noClasses().should().dependOnClassesThat().resideInAnyPackage(
                ROOT + ".ingest..", ROOT + ".cli..", ROOT + ".bench..")
            .check(ENGINE);
    }

    @Test
    void shouldKeepTheRecordingPipelineFreeOfTheQuerySide()
    {
        noClasses().that().resideInAPackage(ROOT + ".pipeline..").should().dependOnClassesThat().resideInAnyPackage(
                ROOT + ".query..", ROOT + ".dashboard..", ROOT + ".export..", ROOT + ".alert..", ROOT + ".http..",
                ROOT + ".promql..", ROOT + ".remote..")
            .check(ENGINE);
    }
}
