import fi.oske.Consultation
import fi.oske.Document
import fi.oske.Lang
import fi.oske.Meeting
import fi.oske.MeetingFormat
import fi.oske.MeetingStatus
import fi.oske.ProtocolException
import fi.oske.code
import java.time.LocalDate

fun main() {
    Document.dataset("adult_network_2018").use { doc ->
        doc.addMeeting(
            "adult-social-work-development-network",
            Meeting(
                id = "adult-network-2018-05-16",
                date = LocalDate.of(2018, 5, 16),
                status = MeetingStatus.HELD,
                format = MeetingFormat.REMOTE,
            ),
        )
        for (issue in doc.validate(Lang.FI)) {
            println("${issue.severity} ${issue.code} ${issue.pointer}: ${issue.message}")
        }
        val json = doc.toJson() // for sync; Document.fromJson(json) reads it back
        println("${json.length} characters of JSON")
    }

    Consultation.prepare("c1", "Lastensuojelu", listOf("Miten malli juurrutetaan?"), Lang.FI).use { c ->
        try {
            c.sendBrief(LocalDate.of(2020, 10, 1)) // no consultant agreed yet
        } catch (e: ProtocolException) {
            println("${e.code}: ${e.message}")
        }
        println(c.state())
    }
}
