package nl.microcredentials.registry.programmes.control;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.UUID;
import nl.microcredentials.registry.programmes.control.CredentialMatching.AchievementRef;
import nl.microcredentials.registry.programmes.control.CredentialMatching.Claim;
import nl.microcredentials.registry.programmes.control.CredentialMatching.Published;
import org.junit.jupiter.api.Test;

/** Which registered achievement a credential names, which version, and whether its claims agree. */
class VerificationMatchingTest {

    static final String ID = "3f1c2a4e-9b7d-4c1e-8a2b-0d5e6f7a8b9c";

    @Test
    void theRegistrysAchievementUrlsAreRecognisedAtAnyHostAndPublicAddress() {
        assertThat(CredentialMatching.registryAchievement("https://registry.example/api/programmes/" + ID + "/versions/3/achievement"))
                .contains(new AchievementRef(ID, 3));
        assertThat(CredentialMatching.registryAchievement("http://localhost:8080/api/programmes/" + ID + "/achievement"))
                .contains(new AchievementRef(ID, null));
        assertThat(CredentialMatching.registryAchievement("https://pilot.example.nl/registry/api/programmes/" + ID.toUpperCase()
                + "/versions/12/achievement?lang=nl")).contains(new AchievementRef(ID, 12));
        for (String other : List.of("https://registry.example/api/programmes/" + ID, "https://registry.example/api/programmes/" + ID + "/versions/0/achievement",
                "https://registry.example/api/programmes/not-a-uuid/achievement", "ftp://registry.example/api/programmes/" + ID + "/achievement",
                "urn:uuid:" + ID, "/api/programmes/" + ID + "/achievement", "https://registry.example/api/programmes/" + ID + "/achievement/extra",
                "https://registry.example/x/api/programmes/" + ID + "/versions/1/achievements", "", "::", "https://[bad")) {
            assertThat(CredentialMatching.registryAchievement(other)).as(other).isEmpty();
        }
        assertThat(CredentialMatching.registryAchievement(null)).isEmpty();
    }

    @Test
    void badgeClassesAreTheAchievementIdAndItsEdubadgesIdentifiers() throws Exception {
        JsonNode achievement = CredentialSchema.JSON.readTree("""
                {"id": "https://edubadges.nl/public/badgeclass/abc",
                 "otherIdentifier": [
                   {"type": "IdentifierEntry", "identifier": "urn:uuid:x", "identifierType": "systemId"},
                   {"type": "IdentifierEntry", "identifier": "https://edubadges.nl/public/badgeclass/def", "identifierType": "ext:edubadgesBadgeClass"},
                   {"type": "IdentifierEntry", "identifier": "not a url", "identifierType": "ext:edubadgesBadgeClass"},
                   {"type": "IdentifierEntry", "identifier": "https://edubadges.nl/public/badgeclass/abc", "identifierType": "ext:edubadgesBadgeClass"}]}""");
        assertThat(CredentialMatching.badgeClasses(achievement))
                .containsExactly("https://edubadges.nl/public/badgeclass/abc", "https://edubadges.nl/public/badgeclass/def");
        assertThat(CredentialMatching.badgeClasses(CredentialSchema.JSON.readTree("{\"id\": \"urn:uuid:1\"}"))).isEmpty();
    }

    @Test
    void theVersionIsTheOnePublishedWhenTheCredentialWasAwarded() {
        var versions = List.of(new Published(1, Instant.parse("2025-01-01T00:00:00Z")), new Published(2, Instant.parse("2025-06-01T00:00:00Z")),
                new Published(3, null), new Published(4, Instant.parse("2026-01-01T00:00:00Z")));
        assertThat(CredentialMatching.versionAt(versions, Optional.of(Instant.parse("2025-07-01T00:00:00Z")))).contains(2);
        assertThat(CredentialMatching.versionAt(versions, Optional.of(Instant.parse("2025-06-01T00:00:00Z")))).contains(2);
        assertThat(CredentialMatching.versionAt(versions, Optional.of(Instant.parse("2027-01-01T00:00:00Z")))).contains(4);
        assertThat(CredentialMatching.versionAt(versions, Optional.empty())).contains(4);
        assertThat(CredentialMatching.versionAt(versions, Optional.of(Instant.parse("2020-01-01T00:00:00Z")))).contains(4);
        assertThat(CredentialMatching.versionAt(List.of(new Published(1, null)), Optional.empty())).isEmpty();
    }

    @Test
    void awardedDateBeforeValidFrom() throws Exception {
        assertThat(CredentialMatching.awardedAt(CredentialSchema.JSON.readTree("{\"awardedDate\":\"2025-03-01T10:00:00+01:00\",\"validFrom\":\"2026-01-01T00:00:00Z\"}")))
                .contains(Instant.parse("2025-03-01T09:00:00Z"));
        assertThat(CredentialMatching.awardedAt(CredentialSchema.JSON.readTree("{\"validFrom\":\"2026-01-01T00:00:00Z\"}"))).contains(Instant.parse("2026-01-01T00:00:00Z"));
        assertThat(CredentialMatching.awardedAt(CredentialSchema.JSON.readTree("{\"validFrom\":\"yesterday\"}"))).isEmpty();
    }

    @Test
    void claimsAreComparedWithTheRegisteredVersion() throws Exception {
        JsonNode achievement = CredentialSchema.JSON.readTree("""
                {"creditsAvailable": 5.0, "alignment": [
                  {"type": ["Alignment"], "targetName": "NLQF 6", "targetUrl": "https://www.nlqf.nl", "targetFramework": "NLQF", "targetCode": "NLQF level 6"},
                  {"type": ["Alignment"], "targetName": "EQF 6", "targetUrl": "https://europa.eu", "targetFramework": "European Qualifications Framework (EQF)", "targetCode": "6"},
                  {"type": ["Alignment"], "targetName": "Other", "targetUrl": "https://x.example", "targetFramework": "ISCED-F", "targetCode": "0613"}]}""");
        assertThat(CredentialMatching.claims(achievement, new BigDecimal("5"), "6", 6)).containsExactly(
                new Claim("credits", "5", "5", true), new Claim("nlqfLevel", "6", "6", true), new Claim("eqfLevel", "6", "6", true));
        assertThat(CredentialMatching.claims(achievement, new BigDecimal("7.5"), "4+", 5)).containsExactly(
                new Claim("credits", "5", "7.5", false), new Claim("nlqfLevel", "6", "4+", false), new Claim("eqfLevel", "6", "5", false));
        assertThat(CredentialMatching.claims(achievement, null, null, null)).extracting(Claim::agrees).containsOnlyNulls();
        // only what the credential claims
        assertThat(CredentialMatching.claims(CredentialSchema.JSON.readTree("{}"), BigDecimal.TEN, "6", 6)).isEmpty();
        // two NLQF levels, one of them wrong: does not agree
        JsonNode two = CredentialSchema.JSON.readTree("""
                {"alignment": [{"targetFramework": "NLQF", "targetCode": "6"}, {"targetFramework": "NLQF", "targetCode": "7"}]}""");
        assertThat(CredentialMatching.claims(two, null, "6", null)).containsExactly(new Claim("nlqfLevel", "6, 7", "6", false));
        // a number beyond double's range is a claim that does not agree, not a failure
        assertThat(CredentialMatching.claims(CredentialSchema.JSON.readTree("{\"creditsAvailable\": 1e400}"), BigDecimal.ONE, null, null))
                .extracting(Claim::agrees).containsExactly(false);
    }

    /** Generated programmes (seeded, -Dpbt.seed): a credential made of the registry's achievement names it and agrees with it. */
    @Test
    void aCredentialOfTheRegistrysOwnAchievementMatchesAndAgrees() {
        long seed = Long.getLong("pbt.seed", 20_261_214L);
        Random random = new Random(seed);
        String[] levels = {"ENTRY", "1", "2", "3", "4", "4+", "5", "6", "7", "8"};
        for (int i = 0; i < 200; i++) {
            String nlqf = levels[random.nextInt(levels.length)];
            Integer eqf = random.nextInt(5) == 0 ? null : 1 + random.nextInt(8);
            BigDecimal ects = random.nextInt(6) == 0 ? null : BigDecimal.valueOf(1 + random.nextInt(300), 1);
            String badge = random.nextBoolean() ? null : "https://edubadges.example/public/badgeclass/" + random.nextInt(1_000_000);
            ProgrammeDraft base = VerificationFixtures.draft(badge);
            ProgrammeDraft d = new ProgrammeDraft(base.courseCode(), base.title(), base.description(), base.learningOutcomes(), ects, null, nlqf,
                    eqf, true, base.participation(), true, true, base.assessmentType(), base.qualityAssurance(), null, null, null, base.languages(),
                    base.iscedField(), badge, base.microcredentialSince(), false);
            String id = UUID.randomUUID().toString();
            int number = 1 + random.nextInt(20);
            ObjectNode credential = VerificationFixtures.registryCredential(id, number, d);
            assertThat(CredentialSchema.get().validate(credential)).as("seed %d case %d", seed, i).isEmpty();
            JsonNode achievement = CredentialMatching.achievement(credential);
            assertThat(CredentialMatching.registryAchievement(achievement.path("id").asText())).contains(new AchievementRef(id, number));
            if (badge != null) assertThat(CredentialMatching.badgeClasses(achievement)).contains(badge);
            List<Claim> claims = CredentialMatching.claims(achievement, ects, nlqf, eqf);
            assertThat(claims).as("seed %d case %d", seed, i).allMatch(c -> Boolean.TRUE.equals(c.agrees()));
            assertThat(claims).hasSize((ects == null ? 0 : 1) + 1 + (eqf == null ? 0 : 1));
        }
    }
}
