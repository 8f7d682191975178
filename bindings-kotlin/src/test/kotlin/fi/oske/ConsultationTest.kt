package fi.oske

import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertFalse
import org.junit.jupiter.api.Assertions.assertNull
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.assertThrows
import java.io.File
import java.time.LocalDate

class ConsultationTest {
    private val viso = Consultant("VISO", "DK", listOf(SelectionCriterion.NATIONALLY_SIGNIFICANT))
    private fun day(month: Int, day: Int): LocalDate = LocalDate.of(2020, month, day)

    private fun prepared(lang: Lang? = null, policy: ConsultationPolicy? = null): Consultation =
        Consultation.prepare("c1", "Lastensuojelun kärkihankkeet", listOf("Miten malli juurrutetaan?"), lang, policy)

    private fun scheduled(lang: Lang? = null): Consultation = prepared(lang).also {
        it.agreeConsultant(viso)
        it.sendBrief(day(10, 1))
        it.schedule(day(10, 8), 45u, "Teams")
    }

    @Test
    fun `a consultation walks through the whole protocol`() {
        prepared().use { c ->
            assertEquals("c1", c.id())
            assertEquals(ConsultationState.PREPARED, c.state())
            c.agreeConsultant(viso)
            assertEquals(ConsultationState.CONSULTANT_AGREED, c.state())
            c.sendBrief(day(10, 1))
            assertEquals(ConsultationState.BRIEF_SENT, c.state())
            c.schedule(day(10, 8), 45u, "Teams")
            assertEquals(ConsultationState.SCHEDULED, c.state())
            assertTrue(c.canCancel())
            c.hold(day(10, 8), 40u)
            assertEquals(ConsultationState.HELD, c.state())
            assertFalse(c.canCancel())
            c.document("Istunto pidettiin; kysymyksiin vastattiin.")
            c.evaluate(TrialEvaluation(day(11, 2), LocalizedText(fi = "Hyödyllinen"), useful = true))
            assertEquals(ConsultationState.EVALUATED, c.state())

            val r = c.record()
            assertEquals(viso, r.consultant)
            assertEquals(day(10, 1), r.briefSentOn)
            assertEquals(Session(day(10, 8), 45u, "Teams"), r.session)
            assertEquals(HeldSession(day(10, 8), 40u), r.held)
            assertEquals("Istunto pidettiin; kysymyksiin vastattiin.", r.documentation)
            assertNull(r.cancellation)
            assertEquals(emptyList<Issue>(), c.check(Lang.EN))
        }
    }

    @Test
    fun `an illegal move throws a typed exception with the rule code and a readable message`() {
        prepared().use { c ->
            val e = assertThrows<ProtocolException.IllegalTransition> { c.sendBrief(day(10, 1)) }
            assertEquals("protocol.illegal-transition", e.code)
            assertEquals("the step \"send the brief\" is not possible while the consultation is in the state \"prepared\"", e.message)
            // Nothing changed.
            assertEquals(ConsultationState.PREPARED, c.state())
            assertNull(c.record().briefSentOn)
        }
    }

    @Test
    fun `messages speak the consultation's language`() {
        scheduled(Lang.FI).use { c ->
            c.hold(day(10, 8), 40u)
            val e = assertThrows<ProtocolException.IllegalTransition> { c.cancel(day(10, 9), "Teema vaihtui") }
            assertEquals(
                "vaihe \"peruminen\" ei ole mahdollinen, kun konsultaation tila on \"istunto pidetty\"",
                e.message,
            )
            assertEquals(Lang.FI, c.lang())
        }
        val sv = assertThrows<ProtocolException.NoQuestion> { Consultation.prepare("c", "Tema", listOf(" "), Lang.SV) }
        assertEquals("konsultationen har ingen preciserande fråga", sv.message)
    }

    @Test
    fun `every protocol rule a step checks comes back as its own subclass`() {
        val e1 = assertThrows<ProtocolException.BriefEmpty> { Consultation.prepare("c", "  ", listOf("Q?")) }
        assertEquals("consultation.brief-empty" to "the consultation has no brief", e1.code to e1.message)

        val tight = defaultConsultationPolicy().copy(maxBriefChars = 5u, maxQuestions = 1u)
        val e2 = assertThrows<ProtocolException.BriefTooLong> { Consultation.prepare("c", "kuusi!", listOf("Q?"), policy = tight) }
        assertEquals(
            "consultation.brief-too-long" to "the brief has 6 characters, more than the maximum of 5 set by the policy",
            e2.code to e2.message,
        )
        val e3 = assertThrows<ProtocolException.TooManyQuestions> { Consultation.prepare("c", "b", listOf("1?", "2?"), policy = tight) }
        assertEquals(
            "consultation.too-many-questions" to "the consultation has 2 questions, more than the maximum of 1 set by the policy",
            e3.code to e3.message,
        )
        val e4 = assertThrows<ProtocolException.NoQuestion> { Consultation.prepare("c", "b", emptyList()) }
        assertEquals("consultation.no-question" to "the consultation has no clarifying question", e4.code to e4.message)

        prepared().use { c ->
            val e5 = assertThrows<ProtocolException.NotNordic> { c.agreeConsultant(viso.copy(country = "DE")) }
            assertEquals(
                "consultation.not-nordic" to "the consulting party's country \"DE\" is not a Nordic country",
                e5.code to e5.message,
            )
            val e6 = assertThrows<ProtocolException.NoCriterion> { c.agreeConsultant(viso.copy(criteria = emptyList())) }
            assertEquals(
                "consultation.no-criterion" to "the consulting party \"VISO\" was chosen without a selection criterion",
                e6.code to e6.message,
            )
            val e7 = assertThrows<ProtocolException.CancelReasonMissing> { c.cancel(day(9, 1), " ") }
            assertEquals("consultation.cancel-reason" to "no reason is given for the cancellation", e7.code to e7.message)
            assertEquals(ConsultationState.PREPARED, c.state())

            c.agreeConsultant(viso)
            c.sendBrief(day(10, 1))
            val e8 = assertThrows<ProtocolException.PlannedDuration> { c.schedule(day(10, 8), 60u, "Teams") }
            assertEquals(
                "consultation.planned-duration" to "the planned duration of 60 minutes is outside the range of 30–45 minutes set by the policy",
                e8.code to e8.message,
            )
            val e9 = assertThrows<ProtocolException.BriefLate> { c.schedule(day(10, 1), 45u) }
            assertEquals(
                "consultation.brief-late" to
                    "the brief was sent on 1 October 2020, but it must be sent at least 1 day before the session (1 October 2020)",
                e9.code to e9.message,
            )
            assertEquals(ConsultationState.BRIEF_SENT, c.state())
            c.cancel(day(10, 2), "The developer group chose another theme")
            assertEquals(ConsultationState.CANCELLED, c.state())
            assertEquals(Cancellation(day(10, 2), "The developer group chose another theme", ConsultationState.BRIEF_SENT), c.record().cancellation)
        }
    }

    @Test
    fun `every ProtocolException subclass has the code the Rust library gives it`() {
        val codes = protocolErrorCodes()
        assertEquals(
            mapOf(
                "IllegalTransition" to "protocol.illegal-transition",
                "BriefEmpty" to "consultation.brief-empty",
                "BriefTooLong" to "consultation.brief-too-long",
                "NoQuestion" to "consultation.no-question",
                "TooManyQuestions" to "consultation.too-many-questions",
                "NoCriterion" to "consultation.no-criterion",
                "NotNordic" to "consultation.not-nordic",
                "PlannedDuration" to "consultation.planned-duration",
                "BriefLate" to "consultation.brief-late",
                "CancelReasonMissing" to "consultation.cancel-reason",
                "ConceptPremature" to "consultation.concept-premature",
            ),
            codes,
        )
        // Each is a rule of the rulebook (docs/rules.md is generated from the core).
        val catalogue = File(repoRoot, "docs/rules.md").readText()
        for (code in codes.values) assertTrue("| `$code` | error |" in catalogue, "$code in docs/rules.md")

        // Every generated subclass resolves to its code; `Other` reads it from its message.
        val subclasses = ProtocolException::class.java.declaredClasses
            .filter { ProtocolException::class.java.isAssignableFrom(it) }
        assertEquals(codes.keys + "Other", subclasses.map { it.simpleName }.toSet())
        for (cls in subclasses) {
            val e = cls.getConstructor(String::class.java).newInstance("consultation.some-rule: text") as ProtocolException
            val want = codes[cls.simpleName] ?: "consultation.some-rule"
            assertEquals(want, e.code, cls.simpleName)
        }
    }

    @Test
    fun `the default policy is the core's`() {
        assertEquals(ConsultationPolicy(30u, 45u, 1u, 10u, 2000u), defaultConsultationPolicy())
        prepared().use { assertEquals(defaultConsultationPolicy(), it.policy()) }
        val loose = defaultConsultationPolicy().copy(maxMinutes = 60u)
        prepared(policy = loose).use { c ->
            c.agreeConsultant(viso)
            c.sendBrief(day(10, 1))
            c.schedule(day(10, 8), 60u)
            assertEquals(ConsultationState.SCHEDULED, c.state())
        }
    }

    @Test
    fun `a stored consultation is resumed as it is and checked`() {
        val stored = ConsultationRecord(
            id = "c9", state = ConsultationState.SCHEDULED, brief = "Perheoikeus",
            questions = listOf("Mikä toimii?"), consultant = viso,
            briefSentOn = day(10, 8), session = Session(day(10, 8), 60u),
        )
        Consultation.fromRecord(stored, Lang.EN).use { c ->
            assertEquals(stored, c.record())
            assertEquals(
                listOf(
                    "consultation.planned-duration" to "/session/planned_minutes",
                    "consultation.brief-late" to "/brief_sent_on",
                ),
                c.check(Lang.EN).codesAndPointers(),
            )
            c.hold(day(10, 8), 50u)
            assertEquals(
                "the session lasted 50 minutes, outside the range of 30–45 minutes set by the policy",
                c.check(Lang.EN).single { it.code == "consultation.held-duration" }.message,
            )
        }
    }

    @Test
    fun `a consultation is taken from a document, walked on and stored back`() {
        Document.dataset("nordic_consultation_2020").use { doc ->
            val programme = doc.consultationProgrammes().single()
            val id = programme.consultations.single().id
            doc.consultation(programme.id, id, Lang.FI).use { c ->
                assertEquals(ConsultationState.EVALUATED, c.state())
                assertEquals(programme.policy, c.policy())
                val e = assertThrows<ProtocolException.IllegalTransition> { c.document("uudelleen") }
                assertEquals("protocol.illegal-transition", e.code)
            }
            val fresh = Consultation.prepare("c2", "Vammaispalvelut", listOf("Miten asiakas osallistuu?"))
            fresh.agreeConsultant(Consultant("Nordic Welfare Centre", "SE", listOf(SelectionCriterion.INNOVATIVE)))
            doc.putConsultation(programme.id, fresh)
            fresh.sendBrief(day(11, 1))
            // The document holds the state it was given until it is stored again.
            assertEquals(
                ConsultationState.CONSULTANT_AGREED,
                doc.consultationProgrammes().single().consultations.last().state,
            )
            doc.putConsultation(programme.id, fresh)
            val stored = doc.consultationProgrammes().single().consultations
            assertEquals(listOf(id, "c2"), stored.map { it.id })
            assertEquals(ConsultationState.BRIEF_SENT, stored.last().state)
            fresh.close()

            // An unfinished trial is no problem while no concept is modelled.
            assertEquals(emptyList<Issue>(), doc.validate(Lang.EN))

            assertThrows<OskeException.NotFound> { doc.consultation(programme.id, "no-such") }
            val e = assertThrows<OskeException.NotFound> { doc.consultation("no-such-programme", id) }
            assertEquals("the document has no consultation programme with id \"no-such-programme\"", e.message)
        }
    }
}
