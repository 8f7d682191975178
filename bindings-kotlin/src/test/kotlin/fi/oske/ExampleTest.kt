package fi.oske

import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test
import java.io.File

/**
 * The README's Kotlin quick start is the tested program. The programs in
 * `examples/kotlin/` are their own Maven project (a consumer of `fi.oske:oske`);
 * `scripts/test-kotlin.sh` builds them against the installed artifact, runs them and
 * compares their output with the expected files.
 */
class ExampleTest {
    private val examples = File(repoRoot, "examples/kotlin")

    /** README.md's "Kotlin quick start" block is exactly QuickStart.kt, so it works as written. */
    @Test
    fun `the README quick start is the tested QuickStart kt`() {
        val readme = File(repoRoot, "README.md").readText()
        val section = readme.substringAfter("## Kotlin quick start", missingDelimiterValue = "")
        assertTrue(section.isNotEmpty(), "README.md has no Kotlin quick start section")
        val block = section.substringAfter("```kotlin\n").substringBefore("```")
        assertEquals(File(examples, "src/main/kotlin/QuickStart.kt").readText(), block)
    }

    /**
     * What the README says the quick start prints is what it does print:
     * `quickstart-output.txt`, which scripts/test-kotlin.sh compares with the program's
     * output (so a change there that is blessed cannot leave the README behind).
     */
    @Test
    fun `the README quick start output is the checked output`() {
        val section = File(repoRoot, "README.md").readText().substringAfter("## Kotlin quick start")
        val printed = section.substringAfter("It prints:\n\n```text\n", missingDelimiterValue = "")
        assertTrue(printed.isNotEmpty(), "README's Kotlin quick start has no \"It prints:\" text block")
        assertEquals(File(examples, "quickstart-output.txt").readText(), printed.substringBefore("```"))
    }

    /** The README's dependency block names the artifact the POM builds. */
    @Test
    fun `the README quick start names the artifact coordinates`() {
        val section = File(repoRoot, "README.md").readText().substringAfter("## Kotlin quick start")
        val expected = System.getProperty("oske.test.expectedVersion")
        assertTrue(
            section.contains("<groupId>fi.oske</groupId>") &&
                section.contains("<artifactId>oske</artifactId>") &&
                section.contains("<version>$expected</version>"),
            "README's Kotlin quick start must show fi.oske:oske:$expected",
        )
    }
}
