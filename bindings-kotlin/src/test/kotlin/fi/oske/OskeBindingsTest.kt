package fi.oske

import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertFalse
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.assertThrows

class OskeBindingsTest {
    @Test
    fun `version is the Cargo version of the core crate`() {
        val expected = System.getProperty("oske.test.expectedVersion")
        assertFalse(expected.isNullOrBlank(), "surefire must set oske.test.expectedVersion")
        assertEquals(expected, version())
    }

    @Test
    fun `parseLang accepts fi, sv and en`() {
        for (lang in listOf("fi", "sv", "en")) {
            assertEquals(lang, parseLang(lang))
        }
        assertEquals("sv", parseLang("sv-FI"))
    }

    @Test
    fun `parseLang throws the typed exception carrying the Rust Display text`() {
        val e = assertThrows<OskeException.UnknownLanguage> { parseLang("de") }

        // The variant's fields are typed properties of the subclass.
        assertEquals("de", e.lang)
        // toString() is the Rust `Display` (exported with #[uniffi::export(Display)]).
        assertEquals("unknown language \"de\": expected \"fi\", \"sv\" or \"en\"", e.toString())
        // For errors whose variants carry fields, UniFFI 0.32 itself writes
        // Kotlin's `message` as `field=value, ...`; pin it so an upgrade that
        // changes it is noticed.
        assertEquals("lang=de", e.message)
    }

    @Test
    fun `the exception is an OskeException and a kotlin Exception`() {
        val e: Exception = assertThrows<OskeException> { parseLang("") }
        assertEquals(OskeException.UnknownLanguage::class, e::class)
    }
}
