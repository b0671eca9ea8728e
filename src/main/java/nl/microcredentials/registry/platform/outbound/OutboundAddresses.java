package nl.microcredentials.registry.platform.outbound;

import java.net.InetAddress;

/**
 * Which addresses the registry may connect to on a caller's behalf (webhooks): globally routable unicast only, after
 * the IANA IPv4 and IPv6 Special-Purpose Address Registries. Pure and static, so it is unit-tested range by range.
 * <p>
 * Refused IPv4: 0.0.0.0/8 (this network), 10/8, 172.16/12, 192.168/16 (private), 100.64/10 (shared CGN), 127/8
 * (loopback), 169.254/16 (link-local, cloud metadata), 192.0.0/24 (IETF protocol assignments; the two anycast addresses
 * in it that are global are refused too: no webhook lives there), 192.0.2/24, 198.51.100/24, 203.0.113/24
 * (documentation), 192.88.99/24 (deprecated 6to4 relay anycast), 198.18/15 (benchmarking), 224/4 (multicast), 240/4
 * (reserved, including 255.255.255.255).
 * <p>
 * IPv6: only global unicast 2000::/3 (everything else is unspecified, loopback, multicast, link- or site-local, unique
 * local, or not allocated), and within it refused: 2001::/23 (IETF protocol assignments: Teredo, benchmarking, ORCHID;
 * refused whole), 2001:db8::/32 and 3fff::/20 (documentation). Addresses that embed an IPv4 address are judged by it:
 * IPv4-mapped ::ffff:0:0/96, IPv4-compatible ::a.b.c.d and 6to4 2002::/16. NAT64 64:ff9b::/96 and 64:ff9b:1::/48 are
 * refused (a translator may reach any IPv4 address, private ones included); 100::/64 (discard) lies outside 2000::/3.
 */
public final class OutboundAddresses {

    private OutboundAddresses() { }

    /** Whether a connection to this address may leave for the public internet. */
    public static boolean isGloballyRoutable(InetAddress address) {
        if (address == null) return false;
        byte[] b = address.getAddress();
        if (b.length == 4) return isGlobalIpv4(b, 0);
        if (b.length != 16) return false;
        return isGlobalIpv6(b);
    }

    private static boolean isGlobalIpv6(byte[] b) {
        if (allZero(b, 0, 10)) {
            if ((b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff) return isGlobalIpv4(b, 12); // ::ffff:a.b.c.d (mapped)
            if (b[10] == 0 && b[11] == 0) return isGlobalIpv4(b, 12);                          // ::a.b.c.d (compatible); ::, ::1 fail here
            return false;                                                                       // ::/80 otherwise: unassigned
        }
        int first = u16(b, 0);
        int second = u16(b, 2);
        if (first == 0x2002) return isGlobalIpv4(b, 2);                      // 6to4: judged by the embedded IPv4 address
        if ((first & 0xe000) != 0x2000) return false;                       // outside global unicast 2000::/3 (64:ff9b::, 100::, fc00::/7, fe80::/10, fec0::/10, ff00::/8 ...)
        if (first == 0x2001 && second < 0x0200) return false;               // 2001::/23 IETF protocol assignments
        if (first == 0x2001 && second == 0x0db8) return false;              // 2001:db8::/32 documentation
        if (first == 0x3fff && second < 0x1000) return false;               // 3fff::/20 documentation (RFC 9637)
        return true;
    }

    private static boolean isGlobalIpv4(byte[] b, int at) {
        int a = b[at] & 0xff;
        int c = b[at + 1] & 0xff;
        int d = b[at + 2] & 0xff;
        if (a == 0 || a == 10 || a == 127) return false;                    // this network, private, loopback
        if (a >= 224) return false;                                         // 224/4 multicast, 240/4 reserved, broadcast
        if (a == 100 && (c & 0xc0) == 64) return false;                     // 100.64/10 shared address space
        if (a == 169 && c == 254) return false;                             // 169.254/16 link-local
        if (a == 172 && (c & 0xf0) == 16) return false;                     // 172.16/12 private
        if (a == 192 && c == 168) return false;                             // 192.168/16 private
        if (a == 192 && c == 0 && (d == 0 || d == 2)) return false;         // 192.0.0/24 IETF, 192.0.2/24 TEST-NET-1
        if (a == 192 && c == 88 && d == 99) return false;                   // 192.88.99/24 6to4 relay anycast
        if (a == 198 && (c & 0xfe) == 18) return false;                     // 198.18/15 benchmarking
        if (a == 198 && c == 51 && d == 100) return false;                  // 198.51.100/24 TEST-NET-2
        if (a == 203 && c == 0 && d == 113) return false;                   // 203.0.113/24 TEST-NET-3
        return true;
    }

    private static boolean allZero(byte[] b, int from, int to) {
        for (int i = from; i < to; i++) if (b[i] != 0) return false;
        return true;
    }

    private static int u16(byte[] b, int at) {
        return (b[at] & 0xff) << 8 | (b[at + 1] & 0xff);
    }
}
