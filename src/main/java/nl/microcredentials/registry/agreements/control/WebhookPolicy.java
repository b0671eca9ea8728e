package nl.microcredentials.registry.agreements.control;

import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Optional;
import nl.microcredentials.registry.platform.outbound.OutboundAddresses;

/**
 * The rules of webhooks: an absolute http(s) URL without credentials whose host resolves to globally routable addresses
 * only ({@link OutboundAddresses}: no loopback, private, link-local or other special-purpose address) unless the
 * operator allows private addresses (tests, a private network); and the retry schedule, exponential from
 * {@code base} (base, 2 x base, 4 x base ...) capped at one hour, given up after {@code maxAttempts}.
 */
public record WebhookPolicy(boolean allowPrivateAddresses, Duration base, int maxAttempts) {

    static final Duration CAP = Duration.ofHours(1);

    /**
     * What is wrong with this URL, if anything. Resolves the host name (unless private addresses are allowed); the
     * delivery's client checks the addresses again when it connects, so a name that resolves differently later is refused then.
     */
    public Optional<String> problem(String url) {
        if (url == null || url.isBlank()) return Optional.of("is required");
        if (url.length() > 500) return Optional.of("must be at most 500 characters");
        URI uri;
        try {
            uri = new URI(url.trim());
        } catch (URISyntaxException e) {
            return Optional.of("must be an absolute http or https URL");
        }
        if (uri.getScheme() == null || !(uri.getScheme().equals("https") || uri.getScheme().equals("http")) || uri.getHost() == null) {
            return Optional.of("must be an absolute http or https URL");
        }
        if (uri.getRawUserInfo() != null) return Optional.of("must not contain credentials");
        if (!allowPrivateAddresses) {
            try {
                for (InetAddress address : InetAddress.getAllByName(uri.getHost())) {
                    if (isPrivate(address)) return Optional.of("must not point at a loopback, link-local, private or other non-public address");
                }
            } catch (UnknownHostException e) {
                return Optional.of("has a host name that does not resolve");
            }
        }
        return Optional.empty();
    }

    /** Not globally routable: the outbound policy that the webhook client's resolver applies again at connect time. */
    static boolean isPrivate(InetAddress a) {
        return !OutboundAddresses.isGloballyRoutable(a);
    }

    /** The wait after the n-th failed attempt (n >= 1). */
    public Duration backoff(int failedAttempts) {
        int n = Math.max(1, failedAttempts);
        if (n > 20) return CAP;
        Duration d = base.multipliedBy(1L << (n - 1));
        return d.compareTo(CAP) > 0 ? CAP : d;
    }

    public boolean giveUpAfter(int attempts) {
        return attempts >= maxAttempts;
    }
}
