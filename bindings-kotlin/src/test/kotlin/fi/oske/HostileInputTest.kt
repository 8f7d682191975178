package fi.oske

import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.assertThrows
import java.nio.charset.MalformedInputException
import java.time.DateTimeException
import java.time.LocalDate
import java.util.concurrent.Executors
import java.util.concurrent.TimeUnit

/** No input crashes the JVM: every bad input is a typed exception or an issue. */
class HostileInputTest {
    private fun loadError(text: String): LoadErrorInfo =
        when (val o = loadDocument(text)) {
            is LoadOutcome.Failed -> o.error
            is LoadOutcome.Loaded -> {
                o.document.close()
                throw AssertionError("expected a load error for ${text.take(60)}")
            }
        }

    @Test
    fun `text that is not a document is a LoadException, never a crash`() {
        val cases = listOf(
            "" to LoadErrorKind.SYNTAX,
            "   " to LoadErrorKind.SYNTAX,
            "null" to LoadErrorKind.DATA,
            "[]" to LoadErrorKind.DATA,
            "{" to LoadErrorKind.SYNTAX,
            "\u0000" to LoadErrorKind.SYNTAX,
            """{"format_version": "1"}""" to LoadErrorKind.VERSION,
            """{"format_version": 1e400}""" to LoadErrorKind.SYNTAX,
            """{"format_version": 18446744073709551617}""" to LoadErrorKind.VERSION,
            """{"format_version": 1} trailing""" to LoadErrorKind.SYNTAX,
            // JSON's escape of a lone UTF-16 surrogate.
            """{"format_version": 1, "title": "\ud800"}""" to LoadErrorKind.SYNTAX,
            // 100 000 nested arrays: refused at the parser's depth limit, no stack overflow.
            "[".repeat(100_000) to LoadErrorKind.SYNTAX,
            """{"format_version": 1, "networks": [""" + "[".repeat(100_000) to LoadErrorKind.SYNTAX,
        )
        for ((text, kind) in cases) {
            assertEquals(kind, loadError(text).kind, "kind for ${text.take(40)}")
            val thrown = assertThrows<LoadException> { Document.fromJson(text) }
            assertTrue(!thrown.message.isNullOrBlank())
        }
        assertEquals(
            LoadErrorInfo(LoadErrorKind.SYNTAX, null, null, 1uL, 0uL, "EOF while parsing a value"),
            loadError(""),
        )
    }

    @Test
    fun `impossible dates and out-of-range numbers in JSON are data errors with a pointer`() {
        val meeting = { field: String ->
            """{"format_version": 1, "networks": [{"id": "n", "name": {"fi": "V"},
               "meetings": [{"id": "m", "date": "2020-01-01", "format": "remote", $field}]}]}"""
        }
        val bad = listOf(
            "\"date_note\": 1" to "/networks/0/meetings/0/date_note",
            "\"duration_minutes\": 4294967296" to "/networks/0/meetings/0/duration_minutes",
            "\"duration_minutes\": -1" to "/networks/0/meetings/0/duration_minutes",
            "\"participants\": {\"count\": 99999999999999999999}" to "/networks/0/meetings/0/participants/count",
        )
        for ((field, pointer) in bad) {
            val e = loadError(meeting(field))
            assertEquals(LoadErrorKind.DATA to pointer, e.kind to e.pointer, field)
        }
        val feb30 = loadError(
            """{"format_version": 1, "networks": [{"id": "n", "name": {"fi": "V"},
               "meetings": [{"id": "m", "date": "2020-02-30", "format": "remote"}]}]}""",
        )
        assertEquals(LoadErrorKind.DATA to "/networks/0/meetings/0/date", feb30.kind to feb30.pointer)
        val year5 = loadError(
            """{"format_version": 1, "networks": [{"id": "n", "name": {"fi": "V"},
               "period": {"start": "10000-01-01", "end": "2020-01-01"}}]}""",
        )
        assertEquals(LoadErrorKind.DATA to "/networks/0/period/start", year5.kind to year5.pointer)
        val cents = loadError(
            """{"format_version": 1, "projects": [{"id": "p", "name": {"fi": "P"},
               "period": {"start": "2020-01-01", "end": "2020-12-31"},
               "budget": {"total": 9223372036854775808, "sources": []}}]}""",
        )
        assertEquals(LoadErrorKind.DATA to "/projects/0/budget/total", cents.kind to cents.pointer)
    }

    @Test
    fun `extreme money is validated, not overflowed`() {
        val max = Long.MAX_VALUE
        val text = """{"format_version": 1, "projects": [{"id": "p", "name": {"fi": "P"},
            "period": {"start": "2020-01-01", "end": "2020-12-31"},
            "budget": {"total": $max, "sources": [
              {"funder": "a", "amount": $max, "stated_share": 4294967295},
              {"funder": "b", "amount": $max}]}}]}"""
        Document.fromJson(text).use { doc ->
            val issues = doc.validate(Lang.EN)
            assertTrue(issues.any { it.code == "sum.budget-sources" }, issues.toString())
            assertEquals(max, doc.projects().single().budget?.total)
        }
        assertEquals(69_175_290_276_410_819L, nordicSpecialTaskAmount(max))
        assertEquals(-69_175_290_276_410_819L, nordicSpecialTaskAmount(Long.MIN_VALUE + 1))
    }

    @Test
    fun `dates outside the years 0000-9999 are refused before they reach the library`() {
        Consultation.prepare("c", "b", listOf("q?")).use { c ->
            c.agreeConsultant(Consultant("VISO", "DK", listOf(SelectionCriterion.INNOVATIVE)))
            for (date in listOf(LocalDate.of(10_000, 1, 1), LocalDate.of(-1, 12, 31), LocalDate.MAX, LocalDate.MIN)) {
                val e = assertThrows<IllegalArgumentException> { c.sendBrief(date) }
                assertEquals("oske stores dates of the years 0000-9999 only, not $date", e.message)
            }
            assertEquals(ConsultationState.CONSULTANT_AGREED, c.state())
            c.sendBrief(LocalDate.of(9999, 12, 31))
            assertEquals(LocalDate.of(9999, 12, 31), c.record().briefSentOn)
        }
        Document.dataset("adult_network_2018").use { doc ->
            val m = Meeting(id = "m", date = LocalDate.of(12_345, 6, 7), status = MeetingStatus.HELD, format = MeetingFormat.REMOTE)
            assertThrows<IllegalArgumentException> { doc.addMeeting("adult-social-work-development-network", m) }
            assertEquals(2, doc.networks().single().meetings.size)
        }
        // And an impossible day never becomes a LocalDate at all.
        assertThrows<DateTimeException> { LocalDate.of(2020, 2, 30) }
    }

    @Test
    fun `huge numbers, empty and strange strings go through the protocol's checks`() {
        Consultation.prepare("", "b", listOf("q?")).use { c ->
            assertEquals("", c.id())
            c.agreeConsultant(Consultant("", "dk", listOf(SelectionCriterion.INNOVATIVE)))
            c.sendBrief(LocalDate.of(2020, 1, 1))
            val e = assertThrows<ProtocolException.PlannedDuration> { c.schedule(LocalDate.of(2020, 1, 2), UInt.MAX_VALUE) }
            assertEquals("the planned duration of 4,294,967,295 minutes is outside the range of 30–45 minutes set by the policy", e.message)
            c.schedule(LocalDate.of(2020, 1, 2), 30u, "\u0000Teams\u0000")
            c.hold(LocalDate.of(2020, 1, 2), UInt.MAX_VALUE)
            assertEquals("\u0000Teams\u0000", c.record().session?.platform)
            assertEquals(
                listOf("consultation.held-duration" to "/held/actual_minutes"),
                c.check(Lang.EN).codesAndPointers(),
            )
        }
        val long = "x".repeat(5_000_000)
        val e = assertThrows<ProtocolException.BriefTooLong> { Consultation.prepare("c", long, listOf("q?")) }
        assertEquals("the brief has 5,000,000 characters, more than the maximum of 2,000 set by the policy", e.message)
        val many = List(100_000) { "q$it?" }
        assertThrows<ProtocolException.TooManyQuestions> { Consultation.prepare("c", "b", many) }
        assertThrows<OskeException.UnknownDataset> { Document.dataset("") }
        assertThrows<OskeException.UnknownLanguage> { parseLang("") }
        assertThrows<OskeException.NotFound> { Document().use { it.consultation("", "") } }
    }

    @Test
    fun `a lone UTF-16 surrogate cannot be sent, and is refused in Kotlin`() {
        assertThrows<MalformedInputException> { Document.fromJson("{\"format_version\": 1, \"title\": \"\uD800\"}") }
        assertThrows<MalformedInputException> { Document().use { it.setTitle("\uDC00") } }
    }

    @Test
    fun `a closed object throws instead of touching freed memory`() {
        val doc = Document()
        doc.close()
        assertThrows<IllegalStateException> { doc.toJson() }
        doc.close() // closing twice is harmless
    }

    @Test
    fun `a document shared between threads loses no meeting`() {
        Document.dataset("adult_network_2018").use { doc ->
            val network = "adult-social-work-development-network"
            val pool = Executors.newFixedThreadPool(8)
            repeat(400) { i ->
                pool.execute {
                    doc.addMeeting(
                        network,
                        Meeting(id = "m$i", date = LocalDate.of(2018, 4, 1).plusDays(i.toLong() % 200), status = MeetingStatus.HELD, format = MeetingFormat.IN_PERSON),
                    )
                    doc.validate(Lang.FI)
                }
            }
            pool.shutdown()
            assertTrue(pool.awaitTermination(60, TimeUnit.SECONDS))
            val ids = doc.networks().single().meetings.map { it.id }
            assertEquals(402, ids.size)
            assertEquals((0 until 400).map { "m$it" }.toSet(), ids.drop(2).toSet())
        }
    }

    @Test
    fun `a Rust panic inside a binding call is an exception, never an abort`() {
        val e = assertThrows<InternalException> { panicForTests("boom") }
        assertTrue(e.message.orEmpty().contains("boom"), e.message)
        // The library keeps working after a caught panic.
        assertEquals(version(), version())
        Document.fromJson("""{"format_version": 1}""").use { doc ->
            assertTrue(doc.validate(Lang.EN).isEmpty())
        }
    }
}
