package nl.microcredentials.registry.platform.outbound;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.UnknownHostException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Every special-purpose range of the IANA registries, and the addresses on both sides of each boundary. */
class OutboundAddressesTest {

    private static InetAddress ip(String literal) {
        try {
            return InetAddress.getByName(literal); // a literal: no lookup
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(literal, e);
        }
    }

    private static boolean routable(String literal) {
        return OutboundAddresses.isGloballyRoutable(ip(literal));
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "0.0.0.0", "0.255.255.255",                      // 0.0.0.0/8 this network
            "10.0.0.0", "10.0.0.1", "10.255.255.255",        // 10/8
            "100.64.0.0", "100.127.255.255",                 // 100.64/10 shared address space
            "127.0.0.1", "127.0.0.0", "127.255.255.255",     // 127/8 loopback
            "169.254.0.0", "169.254.169.254", "169.254.255.255", // 169.254/16 link-local (cloud metadata)
            "172.16.0.0", "172.31.255.255",                  // 172.16/12
            "192.0.0.0", "192.0.0.9", "192.0.0.255",         // 192.0.0/24 IETF protocol assignments
            "192.0.2.0", "192.0.2.255",                      // TEST-NET-1
            "192.88.99.0", "192.88.99.255",                  // 6to4 relay anycast
            "192.168.0.0", "192.168.1.1", "192.168.255.255", // 192.168/16
            "198.18.0.0", "198.19.255.255",                  // 198.18/15 benchmarking
            "198.51.100.0", "198.51.100.255",                // TEST-NET-2
            "203.0.113.0", "203.0.113.5", "203.0.113.255",   // TEST-NET-3
            "224.0.0.0", "239.255.255.255",                  // 224/4 multicast
            "240.0.0.0", "255.255.255.254", "255.255.255.255" // 240/4 reserved, limited broadcast
    })
    void specialPurposeIpv4IsRefused(String address) {
        assertThat(routable(address)).as(address).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "1.0.0.0", "8.8.8.8", "1.1.1.1",
            "9.255.255.255", "11.0.0.0",                     // around 10/8
            "100.63.255.255", "100.128.0.0",                 // around 100.64/10
            "126.255.255.255", "128.0.0.0",                  // around 127/8
            "169.253.255.255", "169.255.0.0",                // around 169.254/16
            "172.15.255.255", "172.32.0.0",                  // around 172.16/12
            "191.255.255.255", "192.0.1.0", "192.0.3.0",     // around 192.0.0/24 and 192.0.2/24
            "192.88.98.255", "192.88.100.0",                 // around 192.88.99/24
            "192.167.255.255", "192.169.0.0",                // around 192.168/16
            "198.17.255.255", "198.20.0.0",                  // around 198.18/15
            "198.51.99.255", "198.51.101.0",                 // around 198.51.100/24
            "203.0.112.255", "203.0.114.0",                  // around 203.0.113/24
            "223.255.255.255"                                // below 224/4
    })
    void publicIpv4IsRoutable(String address) {
        assertThat(routable(address)).as(address).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "::", "::1",                                     // unspecified, loopback
            "::ffff:10.0.0.1", "::ffff:127.0.0.1", "::ffff:169.254.169.254", "::ffff:0.0.0.0", // IPv4-mapped, not global inside
            "::10.0.0.1", "::127.0.0.1", "::192.168.0.1",    // IPv4-compatible, not global inside
            "64:ff9b::a00:1", "64:ff9b::808:808", "64:ff9b::", "64:ff9b::ffff:ffff", // NAT64 well-known prefix
            "64:ff9b:1::", "64:ff9b:1:ffff:ffff:ffff:ffff:ffff", // NAT64 local-use prefix
            "100::", "100::ffff:ffff:ffff:ffff",             // 100::/64 discard
            "2001::", "2001:0:4136:e378:8000:63bf:3fff:fdd2", "2001:2::1", "2001:20::1", "2001:1ff:ffff:ffff:ffff:ffff:ffff:ffff", // 2001::/23
            "2001:db8::", "2001:db8::1", "2001:db8:ffff:ffff:ffff:ffff:ffff:ffff", // documentation
            "3fff::", "3fff:fff:ffff:ffff:ffff:ffff:ffff:ffff", // documentation (RFC 9637)
            "2002:0a00:0001::", "2002:7f00:1::", "2002:c0a8:101::1", "2002::", // 6to4 with a private IPv4 inside
            "fc00::", "fd12:3456:789a::1", "fdff:ffff:ffff:ffff:ffff:ffff:ffff:ffff", // unique local fc00::/7
            "fe80::", "fe80::1", "febf:ffff:ffff:ffff:ffff:ffff:ffff:ffff", // link-local fe80::/10
            "fec0::", "fec0::1", "feff:ffff:ffff:ffff:ffff:ffff:ffff:ffff", // site-local fec0::/10
            "ff00::", "ff02::1", "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff", // multicast
            "::ffff:0:0:1", "1::1", "1fff:ffff:ffff:ffff:ffff:ffff:ffff:ffff", "4000::1", "fbff::1" // not global unicast 2000::/3
    })
    void specialPurposeIpv6IsRefused(String address) {
        assertThat(routable(address)).as(address).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "2606:4700::1111", "2a00:1450:4001:82b::200e", "2000::1",
            "2001:200::1", "2001:4860:4860::8888",           // just past 2001::/23; Google DNS
            "2001:db7:ffff:ffff:ffff:ffff:ffff:ffff", "2001:db9::", // around 2001:db8::/32
            "2002:0808:0808::", "2002:0101:0101::1",         // 6to4 with a global IPv4 inside
            "3ffe:ffff::1", "3fff:1000::",                   // around 3fff::/20
            "::ffff:8.8.8.8", "::8.8.8.8"                    // IPv4-mapped and -compatible with a global IPv4 inside
    })
    void globalIpv6IsRoutable(String address) {
        assertThat(routable(address)).as(address).isTrue();
    }

    @Test
    void ipv4MappedAddressesAreJudgedByTheirIpv4EvenAsSixteenBytes() throws Exception {
        byte[] mapped = new byte[16];
        mapped[10] = (byte) 0xff;
        mapped[11] = (byte) 0xff;
        mapped[12] = 10;
        mapped[15] = 1;
        // Java turns ::ffff:a.b.c.d into an Inet4Address; an Inet6Address with these bytes is judged the same
        InetAddress v6 = java.net.Inet6Address.getByAddress(null, mapped, -1);
        assertThat(OutboundAddresses.isGloballyRoutable(v6)).isFalse();
        mapped[12] = 8;
        mapped[13] = 8;
        mapped[14] = 8;
        mapped[15] = 8;
        assertThat(OutboundAddresses.isGloballyRoutable(java.net.Inet6Address.getByAddress(null, mapped, -1))).isTrue();
        assertThat(OutboundAddresses.isGloballyRoutable(null)).isFalse();
    }
}
