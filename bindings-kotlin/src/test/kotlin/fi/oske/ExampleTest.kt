package fi.oske

import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assumptions.assumeTrue
import org.junit.jupiter.api.Test
import java.io.File

/**
 * Runs the programs in `examples/kotlin/` (compiled with these tests) and compares
 * what they print with the expected output kept next to them, so that they cannot rot.
 * Set `OSKE_BLESS=1` to rewrite the expected files after a deliberate change.
 */
class ExampleTest {
    private val examples = File(repoRoot, "examples/kotlin")

    private fun check(expectedFile: String, actual: String) {
        val file = File(examples, expectedFile)
        if (System.getenv("OSKE_BLESS") == "1") file.writeText(actual)
        assertEquals(file.readText(), actual, "output of the example vs $file")
    }

    @Test
    fun `the field app data layer example prints what it should`() {
        check("expected-output.txt", captureStdout { fi.oske.example.main() })
    }

    @Test
    fun `the quick start prints what it should`() {
        // QuickStart.kt is in the default package (it is the README's text as is),
        // which Kotlin code in a package cannot name: call it through its class.
        val quickStart = Class.forName("QuickStartKt").getMethod("main")
        check("quickstart-output.txt", captureStdout { quickStart.invoke(null) })
    }

    /** README.md's "Kotlin quick start" block is exactly QuickStart.kt, so it works as written. */
    @Test
    fun `the README quick start is the tested QuickStart kt`() {
        val readme = File(repoRoot, "README.md").readText()
        val section = readme.substringAfter("## Kotlin quick start", missingDelimiterValue = "")
        assumeTrue(section.isNotEmpty(), "README.md has no Kotlin quick start section yet")
        val block = section.substringAfter("```kotlin\n").substringBefore("```")
        assertEquals(File(examples, "src/main/kotlin/QuickStart.kt").readText(), block)
    }
}
