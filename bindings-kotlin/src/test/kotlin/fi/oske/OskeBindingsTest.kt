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
    fun `parseLang reads fi, sv and en tags`() {
        assertEquals(Lang.FI, parseLang("fi"))
        assertEquals(Lang.SV, parseLang("sv-FI"))
        assertEquals(Lang.EN, parseLang("EN"))
    }

    @Test
    fun `parseLang throws the typed exception with the core's message`() {
        val e = assertThrows<OskeException.UnknownLanguage> { parseLang("de") }
        assertEquals("unknown language \"de\": expected \"fi\", \"sv\" or \"en\"", e.message)
        // Flat errors: the message is the readable sentence, not a field dump.
        val any: Exception = e
        assertEquals(OskeException.UnknownLanguage::class, any::class)
    }
}
