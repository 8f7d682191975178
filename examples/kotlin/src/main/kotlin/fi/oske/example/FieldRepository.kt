package fi.oske.example

import fi.oske.Consultant
import fi.oske.Consultation
import fi.oske.ConsultationProgramme
import fi.oske.Document
import fi.oske.Issue
import fi.oske.Lang
import fi.oske.LoadErrorInfo
import fi.oske.LoadOutcome
import fi.oske.LocalizedText
import fi.oske.Meeting
import fi.oske.OskeException
import fi.oske.ProtocolException
import fi.oske.TrialEvaluation
import fi.oske.code
import fi.oske.defaultConsultationPolicy
import fi.oske.loadDocument
import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.withContext
import java.time.LocalDate

/** What the UI is told after a user action: done, or refused with a rule code and a sentence to show. */
sealed interface Outcome {
    data object Done : Outcome

    data class Refused(val code: String, val message: String) : Outcome
}

/** A sync payload that could not be read: where (line, column, JSON Pointer) and what. */
class SyncRejected(val error: LoadErrorInfo) : Exception(error.message)

/**
 * The data layer of a field app: the worker's offline copy of the centre's document.
 *
 * It records network meetings and walks consultations through the Nordic protocol with
 * the same rules as the analysts' Python and the Rust services, reports problems in the
 * worker's language, and hands the document to the sync layer as JSON. Everything is
 * checked by the oske library; this class only decides what the UI sees.
 *
 * On Android this would live behind a ViewModel and keep the JSON in app storage.
 */
class FieldRepository private constructor(
    private val document: Document,
    private val lang: Lang,
) : AutoCloseable {
    /** Consultations in progress, by id. */
    private val open = mutableMapOf<String, Consultation>()

    companion object {
        /** Opens the document received from the server (or read from app storage). */
        fun open(syncedJson: String, lang: Lang): FieldRepository =
            when (val outcome = loadDocument(syncedJson)) {
                is LoadOutcome.Loaded -> FieldRepository(outcome.document, lang)
                is LoadOutcome.Failed -> throw SyncRejected(outcome.error)
            }
    }

    fun networkCount(): Int = document.networks().size

    fun meetingCount(): Int = document.networks().sumOf { it.meetings.size }

    /** Records a meeting the worker entered; the document is checked as a whole by [issues]. */
    fun recordMeeting(networkId: String, meeting: Meeting): Outcome =
        try {
            document.addMeeting(networkId, meeting)
            Outcome.Done
        } catch (e: OskeException.NotFound) {
            Outcome.Refused("not-found", e.message.orEmpty())
        }

    /** Makes sure the document has a programme to keep this app's consultations in. */
    fun ensureProgramme(id: String, name: LocalizedText, centre: String) {
        if (document.consultationProgrammes().none { it.id == id }) {
            document.addConsultationProgramme(
                ConsultationProgramme(
                    id = id,
                    name = name,
                    centre = centre,
                    policy = defaultConsultationPolicy(),
                ),
            )
        }
    }

    /** Step 1 of the protocol: a developer group prepares a brief and questions. */
    fun prepareConsultation(id: String, brief: String, questions: List<String>): Outcome =
        protocolStep { open[id] = Consultation.prepare(id, brief, questions, lang = lang) }

    fun agreeConsultant(id: String, consultant: Consultant): Outcome =
        protocolStep { consultation(id).agreeConsultant(consultant) }

    fun sendBrief(id: String, on: LocalDate): Outcome =
        protocolStep { consultation(id).sendBrief(on) }

    fun schedule(id: String, date: LocalDate, minutes: UInt, platform: String): Outcome =
        protocolStep { consultation(id).schedule(date, minutes, platform) }

    fun hold(id: String, date: LocalDate, minutes: UInt): Outcome =
        protocolStep { consultation(id).hold(date, minutes) }

    fun describe(id: String, description: String): Outcome =
        protocolStep { consultation(id).document(description) }

    fun evaluate(id: String, evaluation: TrialEvaluation): Outcome =
        protocolStep { consultation(id).evaluate(evaluation) }

    fun cancel(id: String, on: LocalDate, reason: String): Outcome =
        protocolStep { consultation(id).cancel(on, reason) }

    fun stateOf(id: String): String = consultation(id).state().name

    /** Stores a consultation's current state in the document's programme. */
    fun saveConsultation(programmeId: String, id: String) {
        document.putConsultation(programmeId, consultation(id))
    }

    /**
     * Every problem in the document, in the worker's language.
     *
     * `validate` blocks the calling thread while the library checks the whole document
     * (a large plan takes milliseconds, a whole centre's document longer), so it runs on
     * [Dispatchers.Default], never on the main thread. The `Document` is safe to use from
     * any thread: each call sees it whole.
     */
    suspend fun issues(): List<Issue> = withContext(Dispatchers.Default) { document.validate(lang) }

    /** The document as JSON, for the sync layer. */
    fun exportForSync(): String = document.toJson()

    override fun close() {
        open.values.forEach { it.close() }
        document.close()
    }

    private fun consultation(id: String): Consultation =
        open[id] ?: throw IllegalArgumentException("no consultation $id is open")

    private fun protocolStep(step: () -> Unit): Outcome =
        try {
            step()
            Outcome.Done
        } catch (e: ProtocolException) {
            Outcome.Refused(e.code, e.message.orEmpty())
        }
}
