package nl.microcredentials.registry.demo;

import jakarta.persistence.EntityManager;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import nl.microcredentials.registry.institutions.entity.Institution;
import nl.microcredentials.registry.institutions.entity.Sector;
import nl.microcredentials.registry.platform.rest.FieldError;
import nl.microcredentials.registry.programmes.control.LocalizedText;
import nl.microcredentials.registry.programmes.control.PilotRules;
import nl.microcredentials.registry.programmes.control.ProgrammeDraft;
import nl.microcredentials.registry.programmes.control.ProgrammeRules;
import nl.microcredentials.registry.programmes.control.QualityAssurance;
import nl.microcredentials.registry.programmes.entity.Programme;
import nl.microcredentials.registry.programmes.entity.ProgrammeVersion;

/**
 * The demo catalogue: the four Leiden programmes of the seed page, TU Delft programmes, and generated programmes for
 * every member, with varied EC, levels, languages and forms of participation. Every programme passes the pilot's
 * rules (checked here, so a wrong demo programme fails the start-up instead of showing). Descriptions are demo texts.
 */
final class DemoCatalogue {

    private final EntityManager em;
    private final ProgrammeRules rules;
    private final PilotRules pilot;
    private final Random random = new Random(2026);
    private int count;

    DemoCatalogue(EntityManager em, PilotRules pilot) {
        this.em = em;
        this.pilot = pilot;
        this.rules = new ProgrammeRules(pilot);
    }

    int load(Institution leiden, Institution delft, List<Institution> all) {
        String leidenQa = "Kwaliteitskader Microcredentials voor Professionals HBO en WO";
        published(leiden, draft("4343ALGALG", "Algorithms in Algebra", null,
                "An introductory course in computer algebra: how abstract algebra becomes applicable in practical algorithms, such as "
                        + "efficiently factoring polynomials, working with Abelian groups and lattices, and solving systems of polynomial equations.",
                List.of("Explain how algorithms for factoring polynomials over finite fields and the rationals work",
                        "Compute with finitely generated Abelian groups and lattices, including lattice basis reduction",
                        "Solve systems of polynomial equations with Groebner bases"),
                "6", "7", List.of("BLENDED"), "WRITTEN_EXAM", List.of("en"), "0541", "2024-09-01", leidenQa), 2);
        published(leiden, draft("4343COMNET", "Complex Networks", null,
                "The mathematical theory, techniques and algorithms behind networks: distribution of materials, electricity, water and "
                        + "energy, communication networks and social networks.",
                List.of("Model real-world systems as random graphs and analyse their degree distributions",
                        "Apply spectral and probabilistic techniques to network problems such as epidemics and percolation",
                        "Implement and evaluate algorithms for community detection and network flows"),
                "6", "7", List.of("ONSITE", "BLENDED"), "REPORT_PAPER", List.of("en"), "0541", "2024-09-01", leidenQa), 1);
        published(leiden, draft("4343INTML", "Interactive Machine Learning", null,
                "Making intelligent choices while collecting data: machine learning for systems that must continuously adjust to new "
                        + "information, such as bandit problems and reinforcement learning, for data-driven decisions under uncertainty.",
                List.of("Formulate sequential decision problems as multi-armed bandits and Markov decision processes",
                        "Analyse the exploration-exploitation trade-off and the regret of learning algorithms",
                        "Apply interactive learning methods to operations research problems without existing datasets"),
                "6", "7", List.of("ONLINE", "BLENDED"), "WRITTEN_EXAM", List.of("en"), "0613", "2025-02-01", leidenQa), 1);
        published(leiden, draft("GGA-SDGHR", "SDGs, Human Rights and International Law", "SDG's, mensenrechten en internationaal recht",
                "The legal challenges around food security in a world of conflict, poverty and climate change: from SDG 2, how "
                        + "international law, from human rights to humanitarian and environmental law, can protect access to food.",
                List.of("Analyse the right to food in international human rights law and its relation to SDG 2",
                        "Apply humanitarian and environmental law to situations of hunger in armed conflict and climate crises",
                        "Evaluate accountability mechanisms that fight hunger in crisis situations"),
                "5", "7", List.of("ONLINE"), "REPORT_PAPER", List.of("en"), "0421", "2025-09-01", leidenQa), 1);

        published(delft, draft("CSE-MC-AIP", "AI in Practice for Engineers", "AI in de praktijk voor ingenieurs",
                "Machine learning for engineering professionals: from data preparation to deploying and monitoring models in "
                        + "safety-critical technical systems.",
                List.of("Select suitable machine learning methods for an engineering problem", "Evaluate model performance and uncertainty",
                        "Deploy and monitor a model responsibly"),
                "5", "7", List.of("ONLINE"), "PROFESSIONAL_PRODUCT", List.of("en"), "0688", "2023-09-01", null), 1);
        published(delft, draft("CEG-MC-UWM", "Sustainable Urban Water Management", "Duurzaam stedelijk waterbeheer",
                "Designing urban water systems that cope with heavy rainfall, drought and subsidence: nature-based solutions, "
                        + "drainage modelling and governance.",
                List.of("Model urban drainage under climate scenarios", "Design nature-based solutions for water retention",
                        "Assess governance arrangements for urban water"),
                "4", "7", List.of("ONLINE", "BLENDED"), "REPORT_PAPER", List.of("en", "nl"), "0732", "2023-09-01", null), 1);
        published(delft, draft("EE-MC-OWE", "Offshore Wind Energy", "Offshore windenergie",
                "The design, installation and operation of offshore wind farms, from wind resources and turbine loads to grid connection.",
                List.of("Estimate the energy yield of an offshore wind farm", "Analyse the loads on support structures",
                        "Compare options for grid connection"),
                "3", "6", List.of("ONLINE"), "WRITTEN_EXAM", List.of("en"), "0713", "2024-01-15", null), 1);
        draftOnly(delft, draft("TPM-MC-CIRC", "Circular Economy for Engineers", "Circulaire economie voor ingenieurs",
                "Designing products and systems for reuse, repair and recycling.",
                List.of("Apply circular design strategies"), "5", "7", List.of("ONLINE"), "PORTFOLIO", List.of("en"), "0788", "2026-09-01", null));

        generate(all);
        return count;
    }

    private static final String[][] TOPICS = {
            {"Data Literacy for Professionals", "Datageletterdheid voor professionals", "0610"},
            {"Leadership in Healthcare", "Leiderschap in de zorg", "0913"},
            {"Sustainable Business Models", "Duurzame businessmodellen", "0413"},
            {"Inclusive Education in Practice", "Inclusief onderwijs in de praktijk", "0111"},
            {"Cybersecurity Fundamentals", "Basis cybersecurity", "0612"},
            {"Energy Transition in the Built Environment", "Energietransitie in de gebouwde omgeving", "0732"},
            {"Agile Project Management", "Agile projectmanagement", "0413"},
            {"Circular Agriculture", "Kringlooplandbouw", "0811"},
            {"Digital Marketing Strategy", "Digitale marketingstrategie", "0414"},
            {"Mental Health at Work", "Mentale gezondheid op het werk", "0923"},
            {"Applied Artificial Intelligence", "Toegepaste kunstmatige intelligentie", "0613"},
            {"Hospitality Revenue Management", "Revenue management in de hospitality", "1015"},
            {"Coaching Skills for Teachers", "Coachingsvaardigheden voor leraren", "0114"},
            {"Logistics and Supply Chain Resilience", "Logistiek en veerkrachtige ketens", "1041"},
            {"Public Policy Evaluation", "Evaluatie van overheidsbeleid", "0312"},
            {"Water Safety and Climate Adaptation", "Waterveiligheid en klimaatadaptatie", "0712"},
    };
    private static final String[] EC = {"3", "4", "5", "5", "6", "7.5", "10", "15", "30"};
    private static final String[][] PARTICIPATION = {{"ONLINE"}, {"ONSITE"}, {"BLENDED"}, {"ONLINE", "BLENDED"}, {"ONSITE", "WORK_EXPERIENCE"}};
    private static final String[] ASSESSMENT = {"WRITTEN_EXAM", "REPORT_PAPER", "PROFESSIONAL_PRODUCT", "PORTFOLIO", "ORAL_EXAM",
            "DEVELOPMENT_REPORT", "BEHAVIOURAL_ASSESSMENT", "PERSONALISED_ASSESSMENT"};

    private void generate(List<Institution> institutions) {
        for (Institution institution : institutions) {
            int programmes = 2 + random.nextInt(3);
            for (int n = 0; n < programmes; n++) {
                String[] topic = TOPICS[random.nextInt(TOPICS.length)];
                boolean hbo = institution.getSector() == Sector.HBO;
                String nlqf = hbo ? (random.nextBoolean() ? "5" : "6") : (random.nextInt(3) == 0 ? "6" : "7");
                List<String> languages = hbo ? (random.nextInt(4) == 0 ? List.of("nl", "en") : List.of("nl")) : (random.nextBoolean() ? List.of("en") : List.of("en", "nl"));
                String ects = EC[random.nextInt(EC.length)];
                String since = LocalDate.of(2023 + random.nextInt(3), 1 + random.nextInt(12), 1).toString();
                String code = institution.getCode().toUpperCase(Locale.ROOT) + "-MC" + (100 + n);
                ProgrammeDraft d = draft(code, topic[0], topic[1],
                        "A micro-credential of " + institution.getName() + " for professionals: " + topic[0].toLowerCase(Locale.ROOT)
                                + ", with assignments from the participants' own practice.",
                        List.of("Analyse a problem in " + topic[0].toLowerCase(Locale.ROOT) + " from the participant's own practice",
                                "Apply current methods and evidence to design an improvement",
                                "Reflect on the result with peers and stakeholders"),
                        ects, nlqf, List.of(PARTICIPATION[random.nextInt(PARTICIPATION.length)]), ASSESSMENT[random.nextInt(ASSESSMENT.length)],
                        languages, topic[2], since, null);
                int roll = random.nextInt(10);
                if (roll == 0) draftOnly(institution, d);
                else if (roll == 1) withdrawn(institution, d, "Replaced by a revised programme for the next academic year");
                else published(institution, d, 1 + (roll == 2 ? 1 : 0));
            }
        }
    }

    private ProgrammeDraft draft(String courseCode, String titleEn, String titleNl, String descriptionEn, List<String> outcomes, String ects,
                                 String nlqf, List<String> participation, String assessment, List<String> languages, String isced,
                                 String since, String qaName) {
        BigDecimal ec = new BigDecimal(ects);
        Integer eqf = "4+".equals(nlqf) ? Integer.valueOf(4) : Integer.valueOf(nlqf);
        String badge = "https://demo.edubadges.invalid/public/badgeclass/" + courseCode.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
        return new ProgrammeDraft(courseCode, new LocalizedText(titleNl, titleEn), new LocalizedText(null, descriptionEn), outcomes, ec,
                pilot.defaultStudyHours(ec), nlqf, eqf, true, participation, true, true, assessment,
                qaName == null ? QualityAssurance.DUTCH_FRAMEWORK : new QualityAssurance(qaName, null, QualityAssurance.DUTCH_FRAMEWORK.description()),
                null, random.nextBoolean(), null, languages, isced, badge, LocalDate.parse(since), false);
    }

    private Programme create(Institution institution, ProgrammeDraft d) {
        List<FieldError> errors = new ArrayList<>(rules.validate(d, institution.getSector(), Locale.ENGLISH));
        errors.addAll(rules.missingForPublication(d, Locale.ENGLISH));
        if (!errors.isEmpty()) throw new IllegalStateException("Invalid demo programme " + d.courseCode() + ": " + errors);
        Programme programme = new Programme(institution);
        em.persist(programme);
        ProgrammeVersion version = new ProgrammeVersion(programme, 1);
        version.apply(d);
        em.persist(version);
        count++;
        return programme;
    }

    private void draftOnly(Institution institution, ProgrammeDraft d) {
        create(institution, d);
    }

    /** Published, with {@code versions} published versions (later ones add a learning outcome). */
    private Programme published(Institution institution, ProgrammeDraft d, int versions) {
        Programme programme = create(institution, d);
        Instant at = Instant.now().minus(30L * versions, ChronoUnit.DAYS).truncatedTo(ChronoUnit.MICROS);
        ProgrammeVersion first = em.createNamedQuery(ProgrammeVersion.NUMBER, ProgrammeVersion.class)
                .setParameter("programme", programme).setParameter("number", 1).getSingleResult();
        first.publish(at);
        programme.published(at);
        for (int n = 2; n <= versions; n++) {
            List<String> outcomes = new ArrayList<>(d.learningOutcomes());
            outcomes.add("Communicate the results to professionals and decision makers");
            ProgrammeDraft next = new ProgrammeDraft(d.courseCode(), d.title(), d.description(), outcomes, d.ects(), d.studyHours(),
                    d.nlqfLevel(), d.eqfLevel(), d.levelVerified(), d.participation(), d.assessmentSupervised(), d.identityVerified(),
                    d.assessmentType(), d.qualityAssurance(), d.prerequisites(), d.gradeRecorded(), d.stackableTowards(), d.languages(),
                    d.iscedField(), d.edubadgeBadgeClassUrl(), d.microcredentialSince(), d.experimental());
            ProgrammeVersion version = new ProgrammeVersion(programme, n);
            version.apply(next);
            version.publish(at.plus(10L * (n - 1), ChronoUnit.DAYS));
            programme.newVersion(n);
            em.persist(version);
        }
        return programme;
    }

    private void withdrawn(Institution institution, ProgrammeDraft d, String reason) {
        Programme programme = published(institution, d, 1);
        programme.withdraw(reason, Instant.now().minus(5, ChronoUnit.DAYS).truncatedTo(ChronoUnit.MICROS));
    }
}
