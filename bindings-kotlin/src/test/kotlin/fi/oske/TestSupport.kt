package fi.oske

import java.io.ByteArrayOutputStream
import java.io.File
import java.io.PrintStream

/** The repository root (surefire sets `oske.test.repoRoot`). */
val repoRoot: File by lazy {
    val path = System.getProperty("oske.test.repoRoot")
        ?: error("surefire must set oske.test.repoRoot")
    File(path).canonicalFile
}

/** Runs [block] and returns what it printed to System.out. */
fun captureStdout(block: () -> Unit): String {
    val saved = System.out
    val bytes = ByteArrayOutputStream()
    PrintStream(bytes, true, Charsets.UTF_8).use { out ->
        System.setOut(out)
        try {
            block()
        } finally {
            System.setOut(saved)
        }
    }
    return bytes.toString(Charsets.UTF_8)
}

/** `(code, pointer)` pairs, the shape the conformance vectors compare. */
fun List<Issue>.codesAndPointers(): List<Pair<String, String>> = map { it.code to it.pointer }
