package fi.oske.example

import fi.oske.Consultant
import fi.oske.Document
import fi.oske.Headcount
import fi.oske.Lang
import fi.oske.LocalizedText
import fi.oske.Meeting
import fi.oske.MeetingFormat
import fi.oske.MeetingStatus
import fi.oske.SelectionCriterion
import fi.oske.TrialEvaluation
import kotlinx.coroutines.runBlocking
import java.time.LocalDate

/**
 * A field worker's day, offline, through [FieldRepository]: open the synced document,
 * record two meetings of the national adult social work network, walk a Nordic video
 * consultation through the protocol (with two refused steps), check everything in
 * Finnish (off the main thread), and hand the document back to sync.
 * `scripts/test-kotlin.sh` builds this project against the installed `fi.oske:oske`
 * artifact, runs it and compares its output with `examples/kotlin/expected-output.txt`.
 */
fun main() = runBlocking {
    // What the server sent at the last sync: here, the network's embedded seed data.
    val synced = Document.dataset("adult_network_2018").use { it.toJson() }

    // A sync payload cut short in transfer is refused, saying where.
    try {
        FieldRepository.open(synced.substring(0, 120), Lang.FI)
    } catch (e: SyncRejected) {
        println("sync refused: ${e.error.kind} at line ${e.error.line}, column ${e.error.column}")
    }

    FieldRepository.open(synced, Lang.FI).use { repo ->
        println("opened: ${repo.networkCount()} network, ${repo.meetingCount()} meetings")

        val network = "adult-social-work-development-network"
        show(
            "record the March meeting",
            repo.recordMeeting(
                network,
                Meeting(
                    id = "adult-network-2018-03-21",
                    date = LocalDate.of(2018, 3, 21),
                    status = MeetingStatus.HELD,
                    format = MeetingFormat.REMOTE,
                    platform = "Skype for Business",
                    durationMinutes = 90u,
                    participants = Headcount(count = 25u, approximate = false),
                ),
            ),
        )
        // Entered in a hurry: a hybrid meeting with no platform (reported, not refused).
        show(
            "record the May meeting",
            repo.recordMeeting(
                network,
                Meeting(
                    id = "adult-network-2018-05-16",
                    date = LocalDate.of(2018, 5, 16),
                    status = MeetingStatus.PLANNED,
                    format = MeetingFormat.HYBRID,
                ),
            ),
        )
        show(
            "record a meeting of a network not in the document",
            repo.recordMeeting(
                "older-people-network",
                Meeting(
                    id = "older-2018-05",
                    date = LocalDate.of(2018, 5, 2),
                    status = MeetingStatus.HELD,
                    format = MeetingFormat.IN_PERSON,
                ),
            ),
        )

        val programme = "field-consultations-2020"
        repo.ensureProgramme(
            programme,
            LocalizedText(fi = "Kenttätyön videokonsultaatiot", en = "Field video consultations"),
            centre = "sonet-botnia",
        )
        val id = "child-protection-embedding"
        show(
            "prepare",
            repo.prepareConsultation(
                id,
                brief = "Lastensuojelun toimintamallien juurruttaminen kuntien arkityöhön.",
                questions = listOf("Miten juurruttamista on tuettu Tanskassa?"),
            ),
        )
        show(
            "agree consultant",
            repo.agreeConsultant(
                id,
                Consultant(
                    organisation = "VISO",
                    country = "DK",
                    criteria = listOf(SelectionCriterion.NATIONALLY_SIGNIFICANT),
                ),
            ),
        )
        show("send brief", repo.sendBrief(id, LocalDate.of(2020, 10, 1)))
        show("schedule 60 min", repo.schedule(id, LocalDate.of(2020, 10, 8), 60u, "Teams"))
        show("schedule 45 min", repo.schedule(id, LocalDate.of(2020, 10, 8), 45u, "Teams"))
        show("hold", repo.hold(id, LocalDate.of(2020, 10, 8), 40u))
        show("cancel after the session", repo.cancel(id, LocalDate.of(2020, 10, 9), "Teema vaihtui"))
        show("describe", repo.describe(id, "Istunto pidettiin Teamsissa; kysymyksiin vastattiin."))
        show(
            "evaluate",
            repo.evaluate(
                id,
                TrialEvaluation(
                    date = LocalDate.of(2020, 11, 2),
                    summary = LocalizedText(fi = "Hyödyllinen; jatketaan."),
                    useful = true,
                ),
            ),
        )
        println("consultation state: ${repo.stateOf(id)}")
        repo.saveConsultation(programme, id)

        // A suspend call: the validation itself runs on a background dispatcher.
        val issues = repo.issues()
        println("issues (${issues.size}):")
        for (issue in issues) {
            println("  ${issue.severity} ${issue.code} ${issue.pointer}: ${issue.message}")
        }

        val json = repo.exportForSync()
        FieldRepository.open(json, Lang.FI).use { again ->
            val same = again.exportForSync() == json
            println("sync: ${json.length} characters of JSON, read back ${if (same) "unchanged" else "CHANGED"}")
        }
    }
}

private fun show(action: String, outcome: Outcome) {
    when (outcome) {
        is Outcome.Done -> println("$action: done")
        is Outcome.Refused -> println("$action: refused, ${outcome.code}: ${outcome.message}")
    }
}
