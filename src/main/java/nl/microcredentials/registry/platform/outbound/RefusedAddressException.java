package nl.microcredentials.registry.platform.outbound;

import java.net.UnknownHostException;

/**
 * A host name that resolves to an address the registry does not connect to (loopback, private, link-local or another
 * special-purpose address). An {@link UnknownHostException}, so that it leaves the HTTP client's resolver unchanged and
 * is never retried; it is thrown before any connection is opened.
 */
public class RefusedAddressException extends UnknownHostException {

    private static final long serialVersionUID = 1L;

    public RefusedAddressException(String host) {
        // never the resolved address: the message ends up in a delivery's lastError, which the webhook's owner reads
        super(host + " resolves to an address that is not globally routable (loopback, private or special-purpose)");
    }
}
