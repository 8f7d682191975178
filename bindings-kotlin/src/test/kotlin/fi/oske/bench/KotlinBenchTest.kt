package fi.oske.bench

import fi.oske.Consultant
import fi.oske.Consultation
import fi.oske.Document
import fi.oske.Lang
import fi.oske.LocalizedText
import fi.oske.SelectionCriterion
import fi.oske.TrialEvaluation
import fi.oske.version
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Tag
import org.junit.jupiter.api.Test
import java.io.File
import java.time.LocalDate

/**
 * Timings of what a field app does, measured from Kotlin through JNA (so they include
 * the FFI crossing and the copying of records). Tagged `bench`: the normal test run
 * skips it; `scripts/build-kotlin-release.sh` runs it against the stripped
 * `release-mobile` library and writes `target/kotlin-bench.md`.
 */
@Tag("bench")
class KotlinBenchTest {
    private fun median(warmup: Int, runs: Int, op: () -> Unit): Double {
        repeat(warmup) { op() }
        val times = LongArray(runs) {
            val t0 = System.nanoTime()
            op()
            System.nanoTime() - t0
        }
        times.sort()
        return times[runs / 2] / 1000.0
    }

    @Test
    fun `field app operations`() {
        val d = { m: Int, day: Int -> LocalDate.of(2020, m, day) }
        val rows = mutableListOf<Pair<String, Double>>()
        Document.dataset("sonet_botnia_plan_2020").use { plan ->
            val json = plan.toJson()
            // The plan's three preliminary 2019 populations (docs/seed-issues.md).
            assertEquals(3, plan.validate(Lang.FI).size)
            rows += "load the 2020 plan dataset (${json.length / 1024} KiB JSON, 80 measures)" to
                median(20, 200) { Document.dataset("sonet_botnia_plan_2020").close() }
            rows += "Document.fromJson of the same text" to median(20, 200) { Document.fromJson(json).close() }
            rows += "validate(Lang.FI), 3 warnings" to median(20, 200) { plan.validate(Lang.FI) }
            rows += "toJson()" to median(20, 200) { plan.toJson() }
            rows += "actionPlans(): the plan as Kotlin data classes" to median(20, 200) { plan.actionPlans() }
        }
        Document.dataset("lapland_unit_2008").use { lapland ->
            assertEquals(4, lapland.validate(Lang.FI).size)
            rows += "validate(Lang.FI) of the Lapland unit, 4 warnings" to median(20, 200) { lapland.validate(Lang.FI) }
        }
        val viso = Consultant("VISO", "DK", listOf(SelectionCriterion.INNOVATIVE))
        val evaluation = TrialEvaluation(d(11, 2), LocalizedText(fi = "Hyödyllinen"), true)
        rows += "a consultation from prepare to evaluated (7 calls)" to median(50, 500) {
            Consultation.prepare("c1", "Lastensuojelu", listOf("Miten?"), Lang.FI).use { c ->
                c.agreeConsultant(viso)
                c.sendBrief(d(10, 1))
                c.schedule(d(10, 8), 45u, "Teams")
                c.hold(d(10, 8), 40u)
                c.document("Pidettiin.")
                c.evaluate(evaluation)
            }
        }
        rows += "one call: version()" to median(1000, 10_000) { version() }

        val lib = "liboske_ffi.so loaded by JNA from the packaged JAR"
        val table = buildString {
            appendLine("| operation (from Kotlin, through JNA) | median |")
            appendLine("|---|---:|")
            for ((op, us) in rows) appendLine("| $op | ${"%.1f".format(us)} µs |")
            appendLine()
            appendLine("Library: $lib; JVM ${System.getProperty("java.vm.name")} ${System.getProperty("java.version")}.")
        }
        print(table)
        File("target/kotlin-bench.md").writeText(table)
    }
}
