// Hand-written, not generated: the one Kotlin file of the binding that UniFFI
// does not write. It gives ProtocolException its stable rule code.
package fi.oske

/** Rule codes by ProtocolException subclass name, as the Rust library reports them. */
private val protocolCodes: Map<String, String> by lazy { protocolErrorCodes() }

/**
 * The stable rule code of this protocol error, e.g. `"consultation.planned-duration"`
 * for [ProtocolException.PlannedDuration]: the code of the `oske` rule the step broke,
 * as in `docs/rules.md` and in the issues `Document.validate()` returns.
 *
 * The codes come from the Rust library ([protocolErrorCodes]); this file names only
 * the subclasses, and the `when` below stops compiling when UniFFI generates one it
 * does not name.
 */
val ProtocolException.code: String
    get() {
        val name = when (this) {
            is ProtocolException.IllegalTransition -> "IllegalTransition"
            is ProtocolException.BriefEmpty -> "BriefEmpty"
            is ProtocolException.BriefTooLong -> "BriefTooLong"
            is ProtocolException.NoQuestion -> "NoQuestion"
            is ProtocolException.TooManyQuestions -> "TooManyQuestions"
            is ProtocolException.NoCriterion -> "NoCriterion"
            is ProtocolException.NotNordic -> "NotNordic"
            is ProtocolException.PlannedDuration -> "PlannedDuration"
            is ProtocolException.BriefLate -> "BriefLate"
            is ProtocolException.CancelReasonMissing -> "CancelReasonMissing"
            is ProtocolException.ConceptPremature -> "ConceptPremature"
            // A rule newer than this binding: its message starts with "<code>: ".
            is ProtocolException.Other -> return message.orEmpty().substringBefore(": ")
        }
        return protocolCodes[name]
            ?: throw IllegalStateException("the Rust library names no rule for ProtocolException.$name")
    }
