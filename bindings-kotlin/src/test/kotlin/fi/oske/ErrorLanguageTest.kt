package fi.oske

import org.junit.jupiter.api.AfterEach
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.assertThrows
import org.junit.jupiter.api.fail

/** Exception messages in Finnish and Swedish as well as English (`setErrorLanguage`). */
class ErrorLanguageTest {
    private val badDate =
        """{"format_version": 1, "action_plans": [{"id": "p", "period": {"start": "31.2.2020", "end": "1.1.2021"}}]}"""

    @AfterEach
    fun englishAgain() = setErrorLanguage(Lang.EN)

    @Test
    fun `LoadException speaks the error language and keeps its kind`() {
        assertEquals(Lang.EN, errorLanguage())
        setErrorLanguage(Lang.FI)
        assertEquals(Lang.FI, errorLanguage())
        val fi = assertThrows<LoadException.Data> { Document.fromJson(badDate) }
        assertEquals(
            "rivi 1, sarake 82: tietovirhe kohdassa /action_plans/0/period/start: \"31.2.2020\" ei ole " +
                "päivämäärä; kirjoita päivämäärä muodossa p.k.vvvv (esim. 14.2.2018) tai vvvv-kk-pp",
            fi.message,
        )
        setErrorLanguage(Lang.SV)
        val sv = assertThrows<LoadException.Syntax> { Document.fromJson("{\"format_version\": 1,\n \"networks\": [}") }
        assertEquals("rad 2, kolumn 15: JSON-syntaxfel: här borde det finnas ett JSON-värde", sv.message)
    }

    @Test
    fun `loadErrorMessage writes a LoadErrorInfo in any language`() {
        val outcome = loadDocument(
            """{"format_version": 1, "networks": [{"id": "n", "name": {"fi": "x"}, "meetings": [{"date": "1.1.2020", "format": "telepathy"}]}]}""",
        )
        val error = (outcome as? LoadOutcome.Failed)?.error ?: fail("expected Failed, got $outcome")
        assertEquals("unknown variant `telepathy`, expected one of `in_person`, `remote`, `hybrid`", error.message)
        assertTrue(
            loadErrorMessage(error, Lang.FI).endsWith(
                "arvoa \"telepathy\" ei tunneta; sallitut arvot ovat \"in_person\", \"remote\" ja \"hybrid\"",
            ),
        )
        assertEquals(
            "line 1, column 123: data error at /networks/0/meetings/0/format: " + error.message,
            loadErrorMessage(error, Lang.EN),
        )
    }

    @Test
    fun `argument errors and consultations without a language follow the setting`() {
        setErrorLanguage(Lang.SV)
        val lang = assertThrows<OskeException.UnknownLanguage> { parseLang("de") }
        assertEquals("språket \"de\" är okänt; tillgängliga är \"fi\", \"sv\" och \"en\"", lang.message)
        val dataset = assertThrows<OskeException.UnknownDataset> { Document.dataset("nope") }
        assertTrue(dataset.message!!.startsWith("det finns ingen inbyggd datamängd \"nope\"; datamängderna är \""))
        Consultation.prepare("c1", "Brief", listOf("Question?")).use { c ->
            assertEquals(Lang.SV, c.lang())
            val e = assertThrows<ProtocolException.IllegalTransition> {
                c.hold(java.time.LocalDate.of(2020, 10, 8), 40u)
            }
            assertEquals(
                "steget \"hållande av sessionen\" är inte möjligt när konsultationens tillstånd är \"förberedd\"",
                e.message,
            )
        }
        // A language given explicitly wins.
        Consultation.prepare("c2", "Brief", listOf("Question?"), Lang.FI).use { assertEquals(Lang.FI, it.lang()) }
    }

    @Test
    fun `NotFound speaks the error language`() {
        Document.dataset("adult_network_2018").use { doc ->
            val meeting =
                Meeting(id = "m", date = java.time.LocalDate.of(2018, 5, 1), status = MeetingStatus.HELD, format = MeetingFormat.REMOTE)
            setErrorLanguage(Lang.FI)
            val fi = assertThrows<OskeException.NotFound> { doc.addMeeting("no-such-network", meeting) }
            assertEquals("asiakirjassa ei ole verkostoa, jonka tunniste on \"no-such-network\"", fi.message)
            val programme = assertThrows<OskeException.NotFound> { doc.consultation("no-such-programme", "c1") }
            assertEquals("asiakirjassa ei ole konsultaatio-ohjelmaa, jonka tunniste on \"no-such-programme\"", programme.message)
            setErrorLanguage(Lang.SV)
            val sv = assertThrows<OskeException.NotFound> { doc.addMeeting("no-such-network", meeting) }
            assertEquals("dokumentet har inget nätverk med identifieraren \"no-such-network\"", sv.message)
            setErrorLanguage(Lang.EN)
            val en = assertThrows<OskeException.NotFound> { doc.addMeeting("no-such-network", meeting) }
            assertEquals("the document has no network with id \"no-such-network\"", en.message)
        }
    }
}
