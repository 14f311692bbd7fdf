package io.takerflow.app;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The architecture rules of ARCHITECTURE.md, checked on the production classes of every module the app sees
 * (engine, journal, feeds, sim, fanout, app). They run in the app's tests because only the app has them all on its
 * class path.
 */
final class ArchitectureTest
{
    private static JavaClasses production;

    @BeforeAll
    static void importProductionClasses()
    {
        // Jars are not excluded: under `mvn package` or `verify` the other modules come as jars from the reactor.
        production = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.takerflow");
    }

    @Test
    void everyModuleIsImported()
    {
        for (final String module : new String[] {
            "io.takerflow.engine.input.InputEvent", "io.takerflow.engine.TakerflowEngine",
            "io.takerflow.journal.Journal", "io.takerflow.feeds.net.FeedConnection",
            "io.takerflow.fanout.SignalPublisher", "io.takerflow.sim.ExchangeSimulator",
            "io.takerflow.app.TakerflowCommand"})
        {
            production.get(module);
        }
    }

    @Test
    void engineImportsNeitherNettyNorChronicleNorAeron()
    {
        final ArchRule rule = noClasses().that().resideInAPackage("io.takerflow.engine..")
            .should().dependOnClassesThat().resideInAnyPackage("io.netty..", "net.openhft..", "io.aeron..")
            .because("the engine knows nothing of sockets, the journal's storage or the fanout's transport");
        rule.check(production);
    }

    @Test
    void feedsDoNotImportTheJournal()
    {
        noClasses().that().resideInAPackage("io.takerflow.feeds..")
            .should().dependOnClassesThat().resideInAnyPackage("io.takerflow.journal..", "io.takerflow.fanout..")
            .check(production);
    }

    @Test
    void productionCodeNeverUsesTheSimulator()
    {
        noClasses().that().resideInAnyPackage("io.takerflow.engine..", "io.takerflow.feeds..",
            "io.takerflow.journal..", "io.takerflow.fanout..")
            .should().dependOnClassesThat().resideInAPackage("io.takerflow.sim..")
            .because("the simulator is demo and test infrastructure (the sim module), not part of a production feed")
            .check(production);
    }

    @Test
    void theJournalDoesNotImportTheFeeds()
    {
        noClasses().that().resideInAPackage("io.takerflow.journal..")
            .should().dependOnClassesThat().resideInAnyPackage("io.takerflow.feeds..", "io.takerflow.fanout..")
            .check(production);
    }

    @Test
    void theFanoutImportsNeitherFeedsNorJournal()
    {
        noClasses().that().resideInAPackage("io.takerflow.fanout..")
            .should().dependOnClassesThat().resideInAnyPackage("io.takerflow.feeds..", "io.takerflow.journal..")
            .check(production);
    }

    @Test
    void theSlotContractDependsOnNothingElseOfTheProject()
    {
        noClasses().that().resideInAPackage("io.takerflow.engine.input..")
            .should().dependOnClassesThat(resideInAPackage("io.takerflow..")
                .and(not(resideInAPackage("io.takerflow.engine.input.."))))
            .because("the slot contract is what every stage shares; it must not pull any stage in")
            .check(production);
    }

    @Test
    void signalStateDoesNotImportTheAssemblingPackage()
    {
        noClasses().that().resideInAPackage("io.takerflow.engine.signal..")
            .should().dependOnClassesThat().resideInAPackage("io.takerflow.engine")
            .because("io.takerflow.engine assembles the signal handler; the handler takes what it needs")
            .check(production);
    }

    /**
     * Every package is a slice; no two depend on each other, directly or round a longer loop. (The venue registry,
     * which names every venue package, has its own package, {@code io.takerflow.feeds.venues}, above them.)
     */
    @Test
    void noPackageCycles()
    {
        slices().matching("io.takerflow.(**)").should().beFreeOfCycles().check(production);
    }
}
