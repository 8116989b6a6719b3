package io.github.convscope.docs;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.core.importer.Location;
import com.tngtech.archunit.core.importer.Locations;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Keeps the package map of docs/design-notes.md true: which ConvScope package may import which, no cycles, nothing
 * public in an internal package, and no class of ours outside {@code io.github.convscope}. The map below is the one
 * in the design notes; a change to either must change the other.
 */
class ArchitectureTest {
    private static final String ROOT = "io.github.convscope";

    /** Each package (exact name below the root) and the ConvScope packages it may import besides itself. */
    private static final Map<String, List<String>> ALLOWED = new LinkedHashMap<>();

    static {
        ALLOWED.put("image", List.of());
        ALLOWED.put("random", List.of());
        ALLOWED.put("files", List.of());
        ALLOWED.put("evaluation", List.of());
        ALLOWED.put("backend", List.of());
        ALLOWED.put("data", List.of("image", "random", "files"));
        ALLOWED.put("datasets", List.of("files"));
        ALLOWED.put("model", List.of("data", "backend", "files", "evaluation", "random", "image"));
        ALLOWED.put("model.callbacks", List.of("model", "files"));
        ALLOWED.put("inspect", List.of("backend", "image", "data", "model"));
        ALLOWED.put("explain", List.of("inspect", "backend", "image", "data", "model", "evaluation", "random"));
        ALLOWED.put("augment", List.of("data", "image", "random"));
    }

    /** Packages that may use every core package (the modules on top: pictures, programs, the guide, Spark). */
    private static final List<String> TOP = List.of("viz", "examples", "docs", "spark");

    /** The class folders or jars of our modules (main code only). */
    private static final Set<URI> ROOTS = new TreeSet<>();
    /** Every class in them, ours or not. */
    private static JavaClasses all;
    /** The classes of ours. */
    private static JavaClasses ours;

    @BeforeAll
    static void importClasses() throws Exception {
        for (Location location : Locations.ofPackage(ROOT)) {
            String uri = location.asURI().toString();
            URI root = URI.create(uri.substring(0, uri.indexOf(ROOT.replace('.', '/'))));
            if (!uri.contains("test-classes")) {
                ROOTS.add(root);
            }
        }
        List<java.net.URL> urls = new java.util.ArrayList<>();
        for (URI root : ROOTS) {
            urls.add(root.toURL());
        }
        all = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importLocations(Locations.of(urls));
        ours = all.that(resideInAPackage(ROOT + ".."));
    }

    @Test
    void everyPackageIsOnTheMap() {
        Set<String> unknown = new TreeSet<>();
        for (JavaClass c : ours) {
            String pkg = c.getPackageName().substring(Math.min(c.getPackageName().length(), ROOT.length() + 1));
            if (!ALLOWED.containsKey(pkg) && TOP.stream().noneMatch(t -> pkg.equals(t) || pkg.startsWith(t + "."))) {
                unknown.add(c.getPackageName());
            }
        }
        assertEquals(Set.of(), unknown, "packages missing from the map in ArchitectureTest and design-notes.md");
        assertTrue(ours.size() > 100, "the import found only " + ours.size() + " classes");
    }

    @Test
    void eachPackageImportsOnlyWhatTheMapAllows() {
        for (Map.Entry<String, List<String>> e : ALLOWED.entrySet()) {
            String pkg = ROOT + "." + e.getKey();
            String[] allowed = e.getValue().stream().map(p -> ROOT + "." + p).toArray(String[]::new);
            noClasses().that().resideInAPackage(pkg)
                    .should().dependOnClassesThat(resideInAPackage(ROOT + "..")
                            .and(not(resideInAPackage(pkg)))
                            .and(not(resideInAnyPackage(allowed))))
                    .because(e.getKey() + " may import only " + e.getValue() + " (docs/design-notes.md)")
                    .allowEmptyShould(true) // a package on the map may not have classes yet
                    .check(ours);
        }
    }

    @Test
    void corePackagesNeverImportTheModulesOnTop() {
        String[] top = TOP.stream().map(p -> ROOT + "." + p + "..").toArray(String[]::new);
        String[] core = ALLOWED.keySet().stream().map(p -> ROOT + "." + p).toArray(String[]::new);
        noClasses().that().resideInAnyPackage(core).should().dependOnClassesThat().resideInAnyPackage(top)
                .check(ours);
        noClasses().that().resideInAPackage(ROOT + ".viz..").should().dependOnClassesThat()
                .resideInAnyPackage(ROOT + ".examples..", ROOT + ".docs..", ROOT + ".spark..").check(ours);
    }

    @Test
    void packagesFormNoCycle() {
        slices().matching(ROOT + ".(*)..").should().beFreeOfCycles().check(ours);
        slices().matching(ROOT + ".model.(*)..").should().beFreeOfCycles().check(ours);
    }

    @Test
    void nothingIsPublicInAnInternalPackage() {
        classes().that().resideInAPackage("..internal..").should().notBePublic().allowEmptyShould(true).check(ours);
    }

    @Test
    void ourJarsHoldNoClassOutsideOurPackage() {
        Set<String> foreign = new TreeSet<>();
        for (JavaClass c : all) {
            if (!c.getPackageName().startsWith(ROOT)) {
                foreign.add(c.getName().replaceAll("\\$.*", ""));
            }
        }
        assertTrue(ROOTS.size() >= 4, "expected the classes of core, augment, viz and examples, found " + ROOTS);
        // No exception: the fast path is DL4J custom layers (backend.NativeConvolution), not a shim in ND4J's package
        assertEquals(Set.of(), foreign, "classes outside " + ROOT + " in " + ROOTS);
    }
}
