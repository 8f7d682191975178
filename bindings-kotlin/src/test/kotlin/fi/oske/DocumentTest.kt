package fi.oske

import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertFalse
import org.junit.jupiter.api.Assertions.assertNull
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.assertThrows
import org.junit.jupiter.api.fail
import java.time.LocalDate

class DocumentTest {
    private val network = "adult-social-work-development-network"
    private val botniaPopulationWarnings = (0..2).map {
        "population.registry-mismatch" to "/action_plans/0/population/parts/$it/population"
    }

    @Test
    fun `every embedded dataset loads without warnings and round-trips through JSON`() {
        assertEquals(
            listOf(
                "sonet_botnia_plan_2020", "lapland_unit_2008", "pohjanmaa_report_2005",
                "adult_network_2018", "nordic_consultation_2020",
            ),
            datasetNames(),
        )
        for (name in datasetNames()) {
            Document.dataset(name).use { doc ->
                assertEquals(1u, doc.formatVersion(), name)
                assertEquals(emptyList<Issue>(), doc.warnings(Lang.EN), name)
                val json = doc.toJson()
                Document.fromJson(json).use { again -> assertEquals(json, again.toJson(), name) }
            }
        }
    }

    @Test
    fun `the adult network's meetings arrive as typed records with java time dates`() {
        Document.dataset("adult_network_2018").use { doc ->
            val n = doc.networks().single()
            assertEquals(network, n.id)
            assertEquals(2, n.organisers.size)
            val (first, next) = n.meetings
            assertEquals(
                Meeting(
                    id = "adult-network-2018-02-14",
                    date = LocalDate.of(2018, 2, 14),
                    status = MeetingStatus.HELD,
                    format = MeetingFormat.IN_PERSON,
                    fullDay = true,
                    place = "Kuntatalo",
                    participants = Headcount(count = 40u, approximate = true, qualifier = CountQualifier.ALMOST),
                    regionsCount = 16u,
                ),
                first,
            )
            assertEquals(LocalDate.of(2018, 3, 1), next.date)
            assertEquals("March 2018", next.dateNote)
            assertEquals(MeetingStatus.PLANNED, next.status)
            assertEquals(MeetingFormat.REMOTE, next.format)
            assertEquals("Skype for Business", next.platform)
            assertEquals(n, doc.network(network))
            assertNull(doc.network("no-such-network"))
            assertEquals(emptyList<Issue>(), doc.validate(Lang.FI))
        }
    }

    @Test
    fun `money is whole cents and shares basis points`() {
        Document.dataset("lapland_unit_2008").use { doc ->
            val budget = doc.projects().single().budget ?: fail("no budget")
            assertEquals(182_820_400L, budget.total)
            assertEquals(
                // The seed states the 75 %/25 % shares of the full operating year only.
                listOf(Triple("stm", 137_115_200L, null), Triple("municipalities", 45_705_200L, null)),
                budget.sources.map { Triple(it.funder, it.amount, it.statedShare) },
            )
            val annual = budget.annual ?: fail("no annual budget")
            assertEquals(56_800_000L, annual.total)
            assertEquals(
                listOf(
                    Triple(ParticipantCategory.TEAM_MUNICIPALITY, 2_000_000L, null),
                    Triple(ParticipantCategory.OTHER_PARTICIPANT, 200_000L, 11u),
                ),
                annual.contributions.map { Triple(it.category, it.perYear, it.count) },
            )
        }
        // 0.75 % of 1 000 000,00 € and of 2,00 € (1.5 cents rounds half away from zero).
        assertEquals(750_000L, nordicSpecialTaskAmount(1_000_000_00L))
        assertEquals(2L, nordicSpecialTaskAmount(200L))
        assertEquals(-2L, nordicSpecialTaskAmount(-200L))
    }

    @Test
    fun `the 2020 plan keeps its sections, measures and population table`() {
        Document.dataset("sonet_botnia_plan_2020").use { doc ->
            val plan = doc.actionPlans().single()
            assertEquals("sonet-botnia", plan.centre)
            assertEquals(Period(LocalDate.of(2020, 1, 1), LocalDate.of(2021, 12, 31)), plan.period)
            assertEquals(listOf("14", "16", "15"), plan.sections.map { it.region })
            assertEquals(listOf(28, 17, 35), plan.sections.map { it.measures.size })
            val pop = plan.population ?: fail("no population table")
            assertEquals(LocalDate.of(2019, 12, 31), pop.referenceDate)
            assertEquals(437_477uL, pop.total)
            assertEquals(StatutoryTask.entries, plan.statutoryTasks)
            val task = plan.specialTasks.single()
            assertEquals(SpecialTaskKind.NORDIC, task.kind)
            assertEquals(75u, task.grantShare)
            // The plan quotes preliminary 2019 populations; the registry holds the final ones.
            assertEquals(botniaPopulationWarnings, doc.validate(Lang.EN).codesAndPointers())
        }
    }

    @Test
    fun `a section may name a wellbeing services county`() {
        // From 1.1.2023 the centres serve counties: area_kind "county"; without it the
        // code is a region's.
        val json = """{"format_version": 1, "action_plans": [{
            "id": "p", "centre": "sonet-botnia", "title": {"fi": "Suunnitelma"},
            "period": {"start": "2023-01-01", "end": "2024-12-31"},
            "sections": [{"region": "17", "area_kind": "county", "measures": []},
                         {"region": "19", "area_kind": "county", "measures": []},
                         {"region": "15", "measures": []}]}]}"""
        Document.fromJson(json).use { doc ->
            val sections = doc.actionPlans().single().sections
            assertEquals(
                listOf(SectionArea.COUNTY, SectionArea.COUNTY, SectionArea.REGION),
                sections.map { it.areaKind },
            )
            val issues = doc.validate(Lang.FI)
            assertEquals(
                listOf("registry.region-outside-centre" to "/action_plans/0/sections/1/region"),
                issues.codesAndPointers(),
            )
            assertEquals(
                "hyvinvointialue Pohjois-Pohjanmaan hyvinvointialue (19) ei kuulu 1.1.2023 " +
                    "osaamiskeskuksen toimialueeseen (osaamiskeskus: SONet BOTNIA)",
                issues[0].message,
            )
        }
    }

    @Test
    fun `the Lapland unit validates to the seed's problems, in every language`() {
        Document.dataset("lapland_unit_2008").use { doc ->
            val issues = doc.validate(Lang.EN)
            assertEquals(
                listOf(
                    "team.area-listings-disagree" to "/projects/0/teams/0/other_listings/0",
                    "team.area-listings-disagree" to "/projects/0/teams/1/other_listings/0",
                    "team.area-listings-disagree" to "/projects/0/teams/5/other_listings/0",
                    "team.area-overlap" to "/projects/0/teams/1/other_listings/0/municipalities/0",
                ),
                issues.codesAndPointers(),
            )
            assertEquals(List(4) { Severity.WARNING }, issues.map { it.severity })
            // The same issues in every language, each message in its own.
            for (lang in listOf(Lang.FI, Lang.SV)) {
                val other = doc.validate(lang)
                assertEquals(issues.codesAndPointers(), other.codesAndPointers(), lang.toString())
                for ((en, x) in issues.zip(other)) {
                    assertTrue(x.message.isNotBlank() && x.message != en.message, "$lang: ${x.message}")
                }
            }
            assertNull(issues[0].location)
        }
    }

    @Test
    fun `recording meetings changes the document and validation sees them`() {
        Document.dataset("adult_network_2018").use { doc ->
            // A hybrid meeting with no platform (info), and one reusing an id (error).
            doc.addMeeting(
                network,
                Meeting(
                    id = "adult-network-2018-05-16", date = LocalDate.of(2018, 5, 16),
                    status = MeetingStatus.HELD, format = MeetingFormat.HYBRID,
                ),
            )
            doc.addMeeting(
                network,
                Meeting(
                    id = "adult-network-2018-02-14", date = LocalDate.of(2018, 9, 20),
                    status = MeetingStatus.HELD, format = MeetingFormat.IN_PERSON,
                ),
            )
            assertEquals(4, doc.network(network)?.meetings?.size)
            val issues = doc.validate(Lang.FI)
            assertEquals(
                listOf(
                    "id.duplicate" to "/networks/0/meetings/3/id",
                    "meeting.remote-no-platform" to "/networks/0/meetings/2/platform",
                ),
                issues.codesAndPointers(),
            )
            assertEquals(
                "tunniste \"adult-network-2018-02-14\" on jo käytössä kohdassa \"/networks/0/meetings/0/id\"",
                issues[0].message,
            )
            assertEquals("kokoukselle ei ole nimetty kokousalustaa (kokousmuoto: hybridikokous)", issues[1].message)
            assertEquals(listOf(Severity.ERROR, Severity.INFO), issues.map { it.severity })

            // The meetings travel in the JSON for sync and come back equal.
            Document.fromJson(doc.toJson()).use { again ->
                assertEquals(doc.networks(), again.networks())
                assertEquals(issues, again.validate(Lang.FI))
            }
        }
    }

    @Test
    fun `a meeting for an unknown network is refused and nothing changes`() {
        Document.dataset("adult_network_2018").use { doc ->
            val before = doc.toJson()
            val e = assertThrows<OskeException.NotFound> {
                doc.addMeeting(
                    "no-such-network",
                    Meeting(id = "m", date = LocalDate.of(2018, 5, 1), status = MeetingStatus.HELD, format = MeetingFormat.REMOTE),
                )
            }
            assertEquals("the document has no network with id \"no-such-network\"", e.message)
            assertEquals(before, doc.toJson())
        }
    }

    @Test
    fun `a document built from scratch writes ISO dates and reads back`() {
        Document().use { doc ->
            assertNull(doc.title())
            doc.setTitle("Kenttätyö 2018")
            doc.addNetwork(
                Network(
                    id = "n1",
                    name = LocalizedText(fi = "Verkosto", sv = "Nätverket"),
                    period = Period(LocalDate.of(2018, 1, 1), LocalDate.of(2018, 12, 31)),
                    minFrequency = Frequency(minTimes = 2u, per = FrequencyUnit.YEAR, qualifier = FrequencyQualifier.AT_LEAST),
                    meetings = listOf(
                        Meeting(id = "m1", date = LocalDate.of(2018, 2, 14), status = MeetingStatus.HELD, format = MeetingFormat.IN_PERSON),
                    ),
                ),
            )
            val json = doc.toJson()
            assertTrue("\"date\": \"2018-02-14\"" in json, json)
            assertEquals("Kenttätyö 2018", Document.fromJson(json).use { it.title() })
            // One meeting in 2018 where at least two were declared.
            assertEquals(
                listOf("meeting.below-frequency" to "/networks/0/min_frequency"),
                doc.validate(Lang.EN).codesAndPointers(),
            )
        }
    }

    @Test
    fun `Finnish dates are read and ISO dates written`() {
        val text = """{"format_version": 1, "networks": [{"id": "n", "name": {"fi": "V"},
            "meetings": [{"id": "m", "date": "14.2.2018", "format": "in_person"}]}]}"""
        Document.fromJson(text).use { doc ->
            assertEquals(LocalDate.of(2018, 2, 14), doc.networks().single().meetings.single().date)
            assertTrue("\"date\": \"2018-02-14\"" in doc.toJson())
        }
    }

    @Test
    fun `unknown fields are kept as warnings and reported first`() {
        val text = """{"format_version": 1, "colour": "blue", "networks": []}"""
        Document.fromJson(text).use { doc ->
            val warnings = doc.warnings(Lang.SV)
            assertEquals(listOf("json.unknown-field" to "/colour"), warnings.codesAndPointers())
            assertEquals("fältet \"colour\" ingår inte i filformatet och lästes inte in", warnings.single().message)
            assertEquals(Severity.WARNING, warnings.single().severity)
            assertEquals(warnings, doc.validate(Lang.SV))
        }
    }

    @Test
    fun `loadDocument gives the error's parts as fields`() {
        val outcome = loadDocument("{\"format_version\": 1,\n \"networks\": [}")
        val error = (outcome as? LoadOutcome.Failed)?.error ?: fail("expected Failed, got $outcome")
        assertEquals(
            LoadErrorInfo(
                kind = LoadErrorKind.SYNTAX, file = null, pointer = null, line = 2uL, column = 15uL,
                message = "expected value",
            ),
            error,
        )
        val loaded = loadDocument("""{"format_version": 1}""")
        assertTrue(loaded is LoadOutcome.Loaded)
        (loaded as LoadOutcome.Loaded).document.close()
    }

    @Test
    fun `LoadException subclasses carry the core's readable message`() {
        val syntax = assertThrows<LoadException.Syntax> { Document.fromJson("{\"format_version\": 1,\n \"networks\": [}") }
        assertEquals("line 2, column 15: syntax error: expected value", syntax.message)
        val version = assertThrows<LoadException.Version> { Document.fromJson("""{"format_version": 2}""") }
        assertEquals(
            "version error at /format_version: format_version 2 is not supported: this library reads version 1",
            version.message,
        )
        val data = assertThrows<LoadException.Data> { Document.fromJson("""{"title": "x"}""") }
        assertEquals(
            "data error at /format_version: missing field `format_version` (this library reads version 1)",
            data.message,
        )
    }

    @Test
    fun `unknown datasets are refused naming the ones there are`() {
        val e = assertThrows<OskeException.UnknownDataset> { Document.dataset("sonet_botnia_2021") }
        assertEquals(
            "no embedded dataset is named \"sonet_botnia_2021\"; the datasets are sonet_botnia_plan_2020, " +
                "lapland_unit_2008, pohjanmaa_report_2005, adult_network_2018, nordic_consultation_2020",
            e.message,
        )
    }

    @Test
    fun `all datasets merge into one document`() {
        Document.allDatasets().use { doc ->
            assertEquals(1, doc.actionPlans().size)
            assertEquals(1, doc.projects().size)
            assertEquals(1, doc.activityReports().size)
            assertEquals(1, doc.consultationProgrammes().size)
            assertFalse(doc.networks().isEmpty())
            assertFalse(doc.evaluations().isEmpty())
        }
    }

    @Test
    fun `a registry of one's own changes what validation says`() {
        Registry.embedded().use { embedded ->
            assertEquals(Period(LocalDate.of(2002, 1, 1), LocalDate.of(2026, 1, 1)), embedded.coverage())
            // A registry that knows no centre: the plan's centre becomes unknown.
            Registry.fromJson("""{"name": "empty"}""").use { empty ->
                assertEquals("empty", empty.name())
                assertNull(empty.coverage())
                Document.dataset("sonet_botnia_plan_2020").use { doc ->
                    assertEquals(botniaPopulationWarnings, doc.validate(Lang.EN, embedded).codesAndPointers())
                    val issues = doc.validate(Lang.EN, empty)
                    assertEquals("registry.unknown-code" to "/action_plans/0/centre", issues.first().code to issues.first().pointer)
                }
            }
            val e = assertThrows<LoadException.Data> { Registry.fromJson("""{"name": "x", "colour": 1}""") }
            assertTrue(e.message!!.startsWith("line 1, column 22: data error at /colour: unknown field `colour`, expected one of "), e.message)
            assertTrue(embedded.embeddedJson().contains("sonet-botnia"))
        }
    }

    @Test
    fun `the fields the seeds describe arrive as typed records`() {
        Document.dataset("sonet_botnia_plan_2020").use { doc ->
            val plan = doc.actionPlans().single()
            val po = plan.sections[2]
            assertEquals("SONet BOTNIAn Pohjanmaan toimintasuunnitelman täsmennykset vuodelle 2020", po.title?.fi)
            assertEquals(Period(LocalDate.of(2020, 1, 1), LocalDate.of(2020, 12, 31)), po.period)
            assertEquals(Period(LocalDate.of(2019, 1, 1), LocalDate.of(2020, 12, 31)), po.refinesPeriod)
            assertEquals(
                listOf("kp-1" to "p1", "kp-2" to "p2", "kp-3" to "p3", "kp-4" to "p4", "kp-5" to "p5", "kp-6" to null),
                plan.sections[1].localPriorities.map { it.id to it.mapsTo },
            )
            val measure = po.measures.single { it.id == "po-2.10" }
            assertEquals(listOf(Instrument.Sosdigi, Instrument.Arvoa, Instrument.Avain), measure.instruments)
        }
        Document.dataset("pohjanmaa_report_2005").use { doc ->
            val f = doc.networks().first().minFrequency ?: fail("no frequency")
            assertEquals(Triple(3u, FrequencyUnit.YEAR, FrequencyQualifier.ON_AVERAGE), Triple(f.minTimes, f.per, f.qualifier))
        }
        Document.dataset("lapland_unit_2008").use { doc ->
            val p = doc.projects().single()
            val kemi = p.teams[4]
            assertEquals("Kemin aikuissosiaalityön tiimi", kemi.name?.fi)
            assertEquals("tiimityön kehittäminen", kemi.tasks.last().fi)
            assertEquals(5, p.teamCommonTasks.size)
            assertEquals(listOf(1u, 2u, 3u, 4u, 5u), p.workAreas.map { it.number })
            assertEquals("Vaikuttavuuden arviointi", p.workAreas[1].title.fi)
            assertTrue(p.workAreas[1].expectedResult?.fi!!.startsWith("Kehittäjätiimien työtä arvioidaan"))
        }
        Document.dataset("nordic_consultation_2020").use { doc ->
            assertTrue(doc.consultationProgrammes().single().illustrative)
        }
    }
}
