package nl.microcredentials.registry.programmes.boundary;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import nl.microcredentials.registry.programmes.control.CredentialMatching;
import nl.microcredentials.registry.programmes.control.ProgrammeDraft;
import nl.microcredentials.registry.programmes.entity.Programme;
import nl.microcredentials.registry.programmes.entity.ProgrammeStatus;
import nl.microcredentials.registry.programmes.entity.ProgrammeVersion;

/**
 * Finds the published programme version a credential's achievement names: by the registry's achievement URL first, by
 * a registered edubadges badge class otherwise. Published versions only (of published and of withdrawn programmes): a
 * draft is nobody's credential, and its existence is not told.
 */
@ApplicationScoped
@Transactional
public class CredentialLookup {

    @PersistenceContext
    EntityManager em;

    @Inject
    Programmes programmes;

    /** The version found, its content, the programme's verification today, and the institution's key set URL. */
    public record Target(String matchedBy, String programmeId, int versionNumber, ProgrammeDraft draft, Verification verification,
                         String institutionName, String credentialKeysUrl) { }

    /** A target, or why there is none. */
    public record Found(Target target, String reason) { }

    public Found find(Optional<CredentialMatching.AchievementRef> achievement, List<String> badgeClasses, Optional<Instant> awardedAt) {
        String reason = null;
        if (achievement.isPresent()) {
            var ref = achievement.get();
            Programme programme = em.find(Programme.class, ref.programmeId());
            List<ProgrammeVersion> published = programme == null ? List.of() : published(programme);
            if (!published.isEmpty()) {
                Optional<ProgrammeVersion> version = ref.versionNumber() == null
                        ? pick(published, awardedAt)
                        : published.stream().filter(v -> v.getNumber() == ref.versionNumber()).findFirst();
                if (version.isPresent()) return new Found(target("achievementId", programme, version.get()), null);
                reason = "The achievement names version " + ref.versionNumber() + " of a registered programme, which was never published";
            } else {
                reason = "The achievement URL names no published programme of the registry";
            }
        }
        for (String url : badgeClasses) {
            List<ProgrammeVersion> versions = em.createNamedQuery(ProgrammeVersion.PUBLISHED_BY_BADGE_CLASS, ProgrammeVersion.class)
                    .setParameter("url", url).getResultList();
            if (versions.isEmpty()) continue;
            Map<Programme, List<ProgrammeVersion>> byProgramme = new LinkedHashMap<>();
            for (ProgrammeVersion v : versions) byProgramme.computeIfAbsent(v.getProgramme(), p -> new java.util.ArrayList<>()).add(v);
            Programme programme = byProgramme.keySet().stream()
                    .min(Comparator.comparing((Programme p) -> p.getStatus() == ProgrammeStatus.PUBLISHED ? 0 : 1)).orElseThrow();
            ProgrammeVersion version = pick(byProgramme.get(programme), awardedAt).orElseThrow();
            return new Found(target("badgeClass", programme, version), null);
        }
        if (reason == null) {
            reason = badgeClasses.isEmpty()
                    ? "The achievement is not one of the registry's achievements and names no edubadges badge class"
                    : "No registered pilot micro-credential has this achievement or the badge class it names";
        }
        return new Found(null, reason);
    }

    private List<ProgrammeVersion> published(Programme programme) {
        return em.createNamedQuery(ProgrammeVersion.OF_PROGRAMME, ProgrammeVersion.class).setParameter("programme", programme)
                .getResultStream().filter(v -> v.getPublishedAt() != null).toList();
    }

    private static Optional<ProgrammeVersion> pick(List<ProgrammeVersion> versions, Optional<Instant> awardedAt) {
        var number = CredentialMatching.versionAt(versions.stream()
                .map(v -> new CredentialMatching.Published(v.getNumber(), v.getPublishedAt())).toList(), awardedAt);
        return number.flatMap(n -> versions.stream().filter(v -> v.getNumber() == n).findFirst());
    }

    private Target target(String matchedBy, Programme programme, ProgrammeVersion version) {
        var institution = programme.getInstitution();
        return new Target(matchedBy, programme.getId(), version.getNumber(), version.draft(), programmes.verification(programme, version),
                institution.getName(), institution.getCredentialKeysUrl());
    }
}
