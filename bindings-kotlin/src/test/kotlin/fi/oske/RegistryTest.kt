package fi.oske

import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertFalse
import org.junit.jupiter.api.Assertions.assertNotNull
import org.junit.jupiter.api.Assertions.assertNull
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.assertThrows
import java.time.LocalDate

/** The registry's look-ups, with facts of the embedded (Statistics Finland) data. */
class RegistryTest {
    private fun d(y: Int, m: Int, day: Int): LocalDate = LocalDate.of(y, m, day)

    private fun embedded(block: (Registry) -> Unit) = Registry.embedded().use(block)

    @Test
    fun `the embedded registry holds all of Finland 2002 to 2026`() = embedded { reg ->
        assertEquals(2u, reg.formatVersion())
        assertEquals(d(2026, 1, 1), reg.knownAsOf())
        assertEquals(Period(d(2002, 1, 1), d(2026, 1, 1)), reg.coverage())
        assertEquals(20, reg.regions().size)
        assertEquals(22, reg.counties().size)
        assertEquals(5, reg.cooperationAreas().size)
        assertEquals(16, reg.centres().size)
        val sf = reg.sources().first()
        assertEquals("sf-kunta" to "Statistics Finland", sf.id to sf.publisher)
        assertEquals(448, reg.municipalitiesOn(d(2002, 1, 1)).size)
        assertEquals(348, reg.municipalitiesOn(d(2009, 1, 1)).size)
        val codes2026 = reg.municipalitiesOn(d(2026, 1, 1)).map { it.code }
        assertEquals(308, codes2026.size)
        assertEquals(codes2026.sorted(), codes2026)
    }

    @Test
    fun `Isokyro moves from Pohjanmaa to Etela-Pohjanmaa on 1 1 2021`() = embedded { reg ->
        assertEquals("15", reg.regionOfMunicipality("152", d(2020, 12, 31))?.code)
        val after = reg.regionOfMunicipality("152", d(2021, 1, 1))
        assertEquals("Södra Österbotten", after?.name?.sv)
        val isokyro = reg.municipality("152")!!
        assertEquals(
            listOf(
                RegionMembership("15", Validity(null, d(2020, 12, 31))),
                RegionMembership("14", Validity(d(2021, 1, 1), null)),
            ),
            isokyro.regions,
        )
        assertEquals(listOf(CountyMembership("16", Validity(d(2021, 7, 1), null))), isokyro.counties)
        assertEquals("Isokyrö (152)" to "Storkyro (152)",
            reg.label(CodeKind.MUNICIPALITY, "152", Lang.FI) to reg.label(CodeKind.MUNICIPALITY, "152", Lang.SV))
        assertEquals(15, reg.municipalitiesOfRegion("15", d(2020, 6, 1)).size)
    }

    @Test
    fun `Vantaa and Kerava form one county in 2024`() = embedded { reg ->
        val on = d(2024, 1, 1)
        val vantaa = reg.countyOfMunicipality("092", on)!!
        assertEquals(vantaa, reg.countyOfMunicipality("245", on))
        assertEquals("04" to "Vantaan ja Keravan hyvinvointialue", vantaa.code to vantaa.name.fi)
        assertEquals(d(2021, 7, 1) to d(2023, 1, 1), vantaa.valid.from to vantaa.responsibleFrom)
        assertEquals(vantaa, reg.county("04"))
        assertNull(reg.county("99"))
        assertEquals(listOf("092", "245"), reg.municipalitiesOfCounty("04", on).map { it.code })
        assertNull(reg.countyOfMunicipality("092", d(2021, 6, 30)))
        assertNull(reg.countyOfMunicipality("478", on)) // Åland is outside the reform
        assertEquals("Vantaan ja Keravan hyvinvointialue (04)", reg.label(CodeKind.COUNTY, "04", Lang.FI))
        // No figure of its own: Vantaa's and Kerava's figures of 31.12.2022 summed.
        assertEquals((242_819 + 37_676).toULong(), reg.populationOf(PopulationArea.COUNTY, "04", d(2022, 12, 31)))
        assertNull(reg.populationOf(PopulationArea.COUNTY, "04", d(2019, 12, 31)))
        assertEquals(188_685uL, reg.populationOf(PopulationArea.REGION, "14", d(2019, 12, 31)))
        assertEquals(67_636uL, reg.populationOf(PopulationArea.MUNICIPALITY, "905", d(2019, 12, 31)))
    }

    @Test
    fun `cooperation areas hold the counties`() = embedded { reg ->
        val on = d(2024, 1, 1)
        val south = reg.cooperationAreaOfCounty("04", on)!!
        assertEquals("1" to "Etelä-Suomen yhteistyöalue", south.code to south.name.fi)
        assertEquals(listOf("01", "02", "03", "04", "09", "10", "11", "90"), south.counties)
        assertEquals(south, reg.cooperationArea("1"))
        assertEquals(south, reg.cooperationAreaOfMunicipality("245", on))
        assertEquals(south.counties, reg.countiesOfCooperationArea("1", on).map { it.code })
        assertEquals(emptyList<County>(), reg.countiesOfCooperationArea("1", d(2021, 6, 30)))
        assertEquals("3", reg.cooperationAreaOfMunicipality("743", on)?.code)
        assertEquals("4", reg.cooperationAreaOfMunicipality("905", on)?.code)
        assertNull(reg.cooperationAreaOfMunicipality("478", on))
    }

    @Test
    fun `Vaasa's centre on 1 6 2025 and 1 9 2025`() = embedded { reg ->
        assertEquals("sonet-botnia", reg.centreOfMunicipality("905", d(2025, 6, 1))?.id)
        assertEquals("lansi-suomi", reg.centreOfMunicipality("905", d(2025, 9, 1))?.id)
        assertTrue(reg.centreCoversMunicipality("sonet-botnia", "905", d(2025, 6, 1)))
        assertFalse(reg.centreCoversMunicipality("sonet-botnia", "905", d(2025, 9, 1)))
        assertTrue(reg.centreCoversCounty("sonet-botnia", "17", d(2024, 1, 1)))
        assertFalse(reg.centreCoversCounty("sonet-botnia", "04", d(2024, 1, 1)))
        assertTrue(reg.centreCoversRegion("sonet-botnia", "16", d(2020, 1, 1)))
        assertEquals(listOf("sonet-botnia"), reg.centresForMunicipality("152", d(2020, 6, 1)).map { it.id })
        val botnia = reg.centre("sonet-botnia")!!
        assertEquals("SONet BOTNIA", botnia.shortName)
        assertEquals(d(2025, 6, 30) to "lansi-suomi", botnia.valid.to to botnia.successor)
        assertEquals("Etelä-Pohjanmaan hyvinvointialue", botnia.host?.fi)
        assertEquals("Pohjanmaan maakuntien sosiaalialan osaamiskeskus", botnia.statutoryCentre?.fi)
        // Decree 1248/2022: one southern statutory centre, run by Socca and Verso.
        assertEquals(
            listOf("Etelä-Suomen sosiaalialan osaamiskeskus", "Etelä-Suomen sosiaalialan osaamiskeskus"),
            listOf("socca", "verso").map { reg.centre(it)!!.statutoryCentre?.fi },
        )
        assertEquals(
            listOf("14", "15", "16", null, null, null) to listOf(null, null, null, "16", "17", "18"),
            botnia.areas.map { it.region } to botnia.areas.map { it.county },
        )
        assertEquals(listOf("4"), reg.centre("lansi-suomi")!!.areas.map { it.cooperationArea })
        assertEquals(listOf("name", "host"), reg.centre("lansi-suomi")!!.unverified)
        val area2020 = reg.municipalitiesOfCentre("sonet-botnia", d(2020, 1, 1)).map { it.code }
        assertEquals(40, area2020.size)
        assertTrue(area2020.containsAll(listOf("152", "743", "905")))
        assertEquals(emptyList<Municipality>(), reg.municipalitiesOfCentre("fskc", d(2024, 1, 1)))
        assertEquals("SONet BOTNIA", reg.label(CodeKind.CENTRE, "sonet-botnia", Lang.SV))
    }

    @Test
    fun `Nurmo merged into Seinajoki on 1 1 2009`() = embedded { reg ->
        val nurmo = reg.municipality("544")!!
        assertEquals(d(2008, 12, 31) to "743", nurmo.valid.to to nurmo.successor)
        assertEquals(listOf("743"), reg.successorChain("544").map { it.code })
        assertEquals(emptyList<Municipality>(), reg.successorChain("743"))
        assertEquals("Seinäjoki", reg.successorOn("544", d(2009, 1, 1))?.name?.fi)
        val parainen = reg.municipality("445")!!
        assertEquals(listOf("Väståboland"), parainen.formerNames.map { it.name.sv })
        assertEquals(d(2011, 12, 31), parainen.formerNames.single().valid.to)
    }

    @Test
    fun `names and codes resolve`() = embedded { reg ->
        val on = d(2020, 1, 1)
        fun res(kind: CodeKind, text: String, date: LocalDate = on) = reg.resolve(kind, text, date)
        assertEquals(Resolution(ResolutionStatus.CODE, listOf("905")), res(CodeKind.MUNICIPALITY, "905"))
        assertEquals(Resolution(ResolutionStatus.NAME, listOf("905")), res(CodeKind.MUNICIPALITY, "VASA"))
        assertEquals(Resolution(ResolutionStatus.FOLDED, listOf("320")), res(CodeKind.MUNICIPALITY, "Kemijarvi"))
        assertEquals(Resolution(ResolutionStatus.OTHER_DATE, listOf("544")), res(CodeKind.MUNICIPALITY, "Nurmo"))
        assertEquals(
            Resolution(ResolutionStatus.AMBIGUOUS, listOf("944", "946")),
            res(CodeKind.MUNICIPALITY, "Vöyri", d(2008, 1, 1)),
        )
        val unknown = res(CodeKind.MUNICIPALITY, "Seinajoky")
        assertEquals(ResolutionStatus.UNKNOWN to "743", unknown.status to unknown.codes.first())
        assertEquals(Resolution(ResolutionStatus.NAME, listOf("14")), res(CodeKind.REGION, "Södra Österbotten"))
        assertEquals(
            Resolution(ResolutionStatus.NAME, listOf("4")),
            res(CodeKind.COOPERATION_AREA, "Länsi-Suomen yhteistyöalue", d(2024, 1, 1)),
        )
        assertEquals(Resolution(ResolutionStatus.NAME, listOf("sonet-botnia")), res(CodeKind.CENTRE, "sonet botnia"))
    }

    @Test
    fun `dates outside the coverage answer for its nearest end`() = embedded { reg ->
        assertTrue(reg.covers(d(2002, 1, 1)))
        assertFalse(reg.covers(d(2001, 12, 31)))
        assertEquals(d(2002, 1, 1), reg.effectiveDate(d(2001, 5, 1)))
        assertEquals(d(2026, 1, 1), reg.effectiveDate(d(2030, 1, 1)))
        assertEquals(d(2020, 6, 15), reg.effectiveDate(d(2020, 6, 15)))
    }

    @Test
    fun `an inconsistent registry is refused with the place`() {
        val dup = assertThrows<LoadException.Data> {
            Registry.fromJson(
                """{"regions": [{"code": "14", "name": {"fi": "A"}}, {"code": "14", "name": {"fi": "B"}}]}""",
            )
        }
        assertEquals("""data error at /regions/1/code: duplicate code "14" (first at /regions/0)""", dup.message)
        val overlap = assertThrows<LoadException.Data> {
            Registry.fromJson(
                """{"regions": [{"code": "14", "name": {"fi": "A"}}, {"code": "15", "name": {"fi": "B"}}],
                   "municipalities": [{"code": "152", "name": {"fi": "Isokyrö"}, "regions": [
                     {"region": "15", "valid": {"to": "2021-01-01"}},
                     {"region": "14", "valid": {"from": "2021-01-01"}}]}]}""",
            )
        }
        assertNotNull(overlap.message)
        assertTrue(overlap.message!!.startsWith("data error at /municipalities/0/regions/1: "), overlap.message)
        assertTrue(overlap.message!!.contains("overlaps in time"), overlap.message)
    }
}
