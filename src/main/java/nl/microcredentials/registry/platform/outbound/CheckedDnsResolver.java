package nl.microcredentials.registry.platform.outbound;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import org.apache.hc.client5.http.DnsResolver;
import org.apache.hc.client5.http.SystemDefaultDnsResolver;

/**
 * The HTTP client's only name resolution: resolves a host once, refuses it if any of its addresses is not globally
 * routable (unless the operator allows private addresses), and hands exactly the checked addresses to the connection,
 * as resolved {@link InetSocketAddress}es, so nothing resolves the name a second time between the check and the connect
 * (no DNS rebinding). TLS still verifies the certificate against the host name, not the address.
 */
public final class CheckedDnsResolver implements DnsResolver {

    private final boolean allowPrivateAddresses;
    private final DnsResolver system;

    public CheckedDnsResolver(boolean allowPrivateAddresses) {
        this(allowPrivateAddresses, SystemDefaultDnsResolver.INSTANCE);
    }

    /** With another resolver underneath (the tests' fixed answers). */
    public CheckedDnsResolver(boolean allowPrivateAddresses, DnsResolver system) {
        this.allowPrivateAddresses = allowPrivateAddresses;
        this.system = system;
    }

    @Override
    public InetAddress[] resolve(String host) throws UnknownHostException {
        InetAddress[] addresses = system.resolve(host);
        if (addresses == null || addresses.length == 0) throw new UnknownHostException(host);
        if (!allowPrivateAddresses) {
            for (InetAddress address : addresses) {
                if (!OutboundAddresses.isGloballyRoutable(address)) throw new RefusedAddressException(host);
            }
        }
        return addresses.clone();
    }

    @Override
    public List<InetSocketAddress> resolve(String host, int port) throws UnknownHostException {
        List<InetSocketAddress> checked = new ArrayList<>();
        for (InetAddress address : resolve(host)) checked.add(new InetSocketAddress(address, port)); // resolved: no further lookup
        return checked;
    }

    /** Never a second lookup (only Kerberos/SPNEGO would ask, and the registry uses neither). */
    @Override
    public String resolveCanonicalHostname(String host) {
        return host;
    }
}
