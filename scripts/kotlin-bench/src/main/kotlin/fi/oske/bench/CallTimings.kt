package fi.oske.bench

import fi.oske.Consultant
import fi.oske.Consultation
import fi.oske.Document
import fi.oske.Lang
import fi.oske.LocalizedText
import fi.oske.SelectionCriterion
import fi.oske.TrialEvaluation
import fi.oske.version
import java.io.File
import java.time.LocalDate

/*
 * The operations of bindings-kotlin's KotlinBenchTest (same warm-up and run counts,
 * same calls), as a program: scripts/bench-kotlin-vs.sh runs it once per round for
 * each of two builds, alternating, so that both are timed by the same code in the
 * same conditions. Every operation is measured in two passes in the one JVM: the
 * first warms the JIT up over all of them, the second is reported, one line per
 * operation, "key<TAB>median µs<TAB>label".
 *
 * The embedded datasets differ between revisions (fields added since), so the rows
 * "…(given text)" repeat the plan's operations on one fixed JSON text (--json FILE,
 * the script passes the base revision's plan), the same input for both builds. If a
 * build cannot read that text the rows are left out, with a note on stderr.
 *
 * Usage: CallTimingsKt [--json FILE] [--write-plan FILE] [--out FILE]
 *   --write-plan FILE  write this build's dataset plan as JSON text to FILE and stop
 */

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

private fun pass(fixedText: String?, quiet: Boolean): List<Triple<String, Double, String>> {
    val rows = mutableListOf<Triple<String, Double, String>>()
    val d = { m: Int, day: Int -> LocalDate.of(2020, m, day) }
    Document.dataset("sonet_botnia_plan_2020").use { plan ->
        val json = plan.toJson()
        val issues = plan.validate(Lang.FI).size
        rows += Triple("dataset", median(20, 200) { Document.dataset("sonet_botnia_plan_2020").close() },
            "`Document.dataset(\"sonet_botnia_plan_2020\")` (${json.length / 1024} KiB JSON)")
        rows += Triple("fromJson", median(20, 200) { Document.fromJson(json).close() }, "`Document.fromJson` of the same text")
        rows += Triple("validate", median(20, 200) { plan.validate(Lang.FI) }, "`validate(Lang.FI)` of that plan, $issues issues")
        rows += Triple("toJson", median(20, 200) { plan.toJson() }, "`toJson()` of that plan")
        rows += Triple("actionPlans", median(20, 200) { plan.actionPlans() }, "`actionPlans()`: the plan as Kotlin data classes")
    }
    Document.dataset("lapland_unit_2008").use { lapland ->
        val issues = lapland.validate(Lang.FI).size
        rows += Triple("lapland", median(20, 200) { lapland.validate(Lang.FI) }, "`validate(Lang.FI)` of the Lapland unit, $issues issues")
    }
    val viso = Consultant("VISO", "DK", listOf(SelectionCriterion.INNOVATIVE))
    val evaluation = TrialEvaluation(d(11, 2), LocalizedText(fi = "Hyödyllinen"), true)
    rows += Triple("consultation", median(50, 500) {
        Consultation.prepare("c1", "Lastensuojelu", listOf("Miten?"), Lang.FI).use { c ->
            c.agreeConsultant(viso)
            c.sendBrief(d(10, 1))
            c.schedule(d(10, 8), 45u, "Teams")
            c.hold(d(10, 8), 40u)
            c.document("Pidettiin.")
            c.evaluate(evaluation)
        }
    }, "a consultation from `prepare` to `evaluate` (7 calls)")
    rows += Triple("version", median(1000, 10_000) { version() }, "one call: `version()`")

    if (fixedText != null) {
        val text = fixedText
        try {
            Document.fromJson(text).use { plan ->
                val issues = plan.validate(Lang.FI).size
                rows += Triple("fixed.fromJson", median(20, 200) { Document.fromJson(text).close() },
                    "`Document.fromJson` (given text: the base's plan, ${text.length / 1024} KiB)")
                rows += Triple("fixed.validate", median(20, 200) { plan.validate(Lang.FI) }, "`validate(Lang.FI)` (given text), $issues issues")
                rows += Triple("fixed.toJson", median(20, 200) { plan.toJson() }, "`toJson()` (given text)")
                rows += Triple("fixed.actionPlans", median(20, 200) { plan.actionPlans() }, "`actionPlans()` (given text)")
            }
        } catch (e: Exception) {
            if (!quiet) System.err.println("CallTimings: this build does not read the given text: ${e.message}")
        }
    }

    return rows
}

fun main(args: Array<String>) {
    var jsonFile: String? = null
    var out: String? = null
    var i = 0
    while (i < args.size) {
        when (args[i]) {
            "--json" -> jsonFile = args[++i]
            "--out" -> out = args[++i]
            "--write-plan" -> {
                Document.dataset("sonet_botnia_plan_2020").use { File(args[++i]).writeText(it.toJson()) }
                return
            }
            else -> error("unknown argument ${args[i]}")
        }
        i++
    }
    val fixedText = jsonFile?.let { File(it).readText() }
    // The first pass warms the JIT up over every operation; the second is reported.
    pass(fixedText, quiet = true)
    val rows = pass(fixedText, quiet = false)

    val text = buildString {
        for ((key, us, label) in rows) appendLine("$key\t${"%.1f".format(java.util.Locale.ROOT, us)}\t$label")
    }
    if (out != null) File(out).writeText(text) else print(text)
}
