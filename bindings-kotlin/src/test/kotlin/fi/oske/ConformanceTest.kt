package fi.oske

import kotlinx.serialization.json.Json
import kotlinx.serialization.json.JsonArray
import kotlinx.serialization.json.JsonElement
import kotlinx.serialization.json.JsonObject
import kotlinx.serialization.json.JsonPrimitive
import kotlinx.serialization.json.int
import kotlinx.serialization.json.jsonArray
import kotlinx.serialization.json.jsonObject
import kotlinx.serialization.json.jsonPrimitive
import kotlinx.serialization.json.long
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertNull
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.DynamicTest
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.TestFactory
import org.junit.jupiter.api.fail
import java.io.File

/**
 * Runs every cross-language conformance vector in `tests/conformance/` (format in
 * `tests/README.md`) through the Kotlin binding, as a user would: the vector's
 * document is written back to JSON text, loaded with `loadDocument`, validated
 * against the embedded registry or the vector's own (`Registry.fromJson`), and the
 * codes, pointers, load errors and pinned messages must be exactly the expected ones
 * — the same comparison `core/tests/conformance.rs` makes for Rust.
 */
class ConformanceTest {
    private val keys = setOf(
        "name", "description", "registry", "document", "document_text",
        "expected", "expected_error", "lang_messages",
    )

    private fun vectorFiles(): List<File> {
        val dir = File(repoRoot, "tests/conformance")
        val files = dir.listFiles { f -> f.isFile && f.name.endsWith(".json") }
            ?: fail("cannot list $dir")
        return files.sortedBy { it.name }
    }

    @Test
    fun `the vectors are all there`() {
        // The Rust runner requires at least 20; the suite had 31 when this binding was written.
        assertTrue(vectorFiles().size >= 31, "only ${vectorFiles().size} vectors")
    }

    @TestFactory
    fun `every vector gives exactly its expected result`(): List<DynamicTest> =
        vectorFiles().map { file -> DynamicTest.dynamicTest(file.name) { run(file) } }

    private fun run(file: File) {
        val f = file.name
        val vector = Json.parseToJsonElement(file.readText(Charsets.UTF_8)).jsonObject
        for (k in vector.keys) assertTrue(k in keys, "$f: unknown key $k")
        assertEquals(f.removeSuffix(".json"), vector.string("name"), "$f: named after the file")

        val text = when {
            vector.containsKey("document") && !vector.containsKey("document_text") ->
                vector.getValue("document").toString()
            vector.containsKey("document_text") && !vector.containsKey("document") ->
                vector.string("document_text")
            else -> fail("$f: needs exactly one of document and document_text")
        }
        val registry = vector["registry"]?.let { Registry.fromJson(it.toString()) }

        try {
            when (val outcome = loadDocument(text)) {
                is LoadOutcome.Loaded -> outcome.document.use { doc ->
                    val expected = vector["expected"]?.jsonArray
                        ?: fail("$f: loaded, but the vector expects a load error")
                    assertNull(vector["expected_error"], "$f: both expected forms")
                    val issues = doc.validate(Lang.EN, registry)
                    assertEquals(
                        expected.map { e ->
                            val o = e.jsonObject
                            assertEquals(setOf("code", "pointer"), o.keys, "$f: expected entry keys")
                            o.string("code") to o.string("pointer")
                        },
                        issues.codesAndPointers(),
                        "$f: issues\n" + issues.joinToString("\n") { "  ${it.code} ${it.pointer}: ${it.message}" },
                    )
                    // validate() puts the reading warnings first: they are warnings(lang).
                    val warnings = doc.warnings(Lang.EN)
                    assertEquals(warnings, issues.take(warnings.size), "$f: warnings first")
                    vector["lang_messages"]?.let { checkMessages(f, doc, registry, it.jsonArray) }
                }
                is LoadOutcome.Failed -> {
                    val want = vector["expected_error"]?.jsonObject
                        ?: fail("$f: did not load: ${outcome.error.message}")
                    checkError(f, outcome.error, want)
                    checkThrows(f, text, outcome.error)
                }
            }
        } finally {
            registry?.close()
        }
    }

    private fun checkError(f: String, error: LoadErrorInfo, want: JsonObject) {
        for (k in want.keys) assertTrue(k in setOf("kind", "pointer", "line", "column"), "$f: key $k")
        assertEquals(want.string("kind"), error.kind.name.lowercase(), "$f: kind")
        // A field the vector leaves out must be absent (null) in the error too.
        assertEquals(want["pointer"]?.jsonPrimitive?.content, error.pointer, "$f: pointer")
        assertEquals(want["line"]?.jsonPrimitive?.long?.toULong(), error.line, "$f: line")
        assertEquals(want["column"]?.jsonPrimitive?.long?.toULong(), error.column, "$f: column")
    }

    /** `Document.fromJson` throws the subclass of the same kind, with the core's sentence. */
    private fun checkThrows(f: String, text: String, error: LoadErrorInfo) {
        val thrown = runCatching { Document.fromJson(text) }.exceptionOrNull()
            ?: fail("$f: Document.fromJson did not throw")
        val expectedClass = when (error.kind) {
            LoadErrorKind.SYNTAX -> LoadException.Syntax::class
            LoadErrorKind.DATA -> LoadException.Data::class
            LoadErrorKind.VERSION -> LoadException.Version::class
            LoadErrorKind.IO -> LoadException.Io::class
        }
        assertEquals(expectedClass, thrown::class, "$f: exception class")
        val where = when {
            error.line != null -> "line ${error.line}, column ${error.column}: "
            else -> ""
        }
        val at = error.pointer?.let { " at ${it.ifEmpty { "/" }}" } ?: ""
        assertEquals(
            "$where${error.kind.name.lowercase()} error$at: ${error.message}",
            thrown.message,
            "$f: message",
        )
    }

    private fun checkMessages(f: String, doc: Document, registry: Registry?, pins: JsonArray) {
        val byLang = Lang.entries.associateWith { doc.validate(it, registry) }
        for (pin in pins) {
            val o = pin.jsonObject
            val index = o.getValue("index").jsonPrimitive.int
            var pinned = 0
            for (lang in Lang.entries) {
                val want = o[lang.name.lowercase()] ?: continue
                val issue = byLang.getValue(lang).getOrNull(index) ?: fail("$f: no issue at $index")
                assertEquals(want.jsonPrimitive.content, issue.message, "$f: message $index in $lang")
                pinned++
            }
            assertTrue(pinned > 0, "$f: lang_messages entry $index pins no language")
        }
    }

    private fun JsonObject.string(key: String): String {
        val v: JsonElement = this[key] ?: fail("missing $key")
        assertTrue(v is JsonPrimitive && v.isString, "$key must be a string")
        return v.jsonPrimitive.content
    }
}
