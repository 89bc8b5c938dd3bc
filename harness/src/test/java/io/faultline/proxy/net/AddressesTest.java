package io.faultline.proxy.net;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import org.junit.jupiter.api.Test;

class AddressesTest {
  private static String v6(String literal) throws Exception {
    return Addresses.compressed((Inet6Address) InetAddress.getByName(literal));
  }

  @Test
  void ipv6IsPrintedCompressedAsGoDoes() throws Exception {
    assertThat(v6("0:0:0:0:0:0:0:1")).isEqualTo("::1");
    assertThat(v6("::")).isEqualTo("::");
    assertThat(v6("fe80:0:0:0:1:0:0:2")).isEqualTo("fe80::1:0:0:2");
    assertThat(v6("2001:db8:0:1:0:0:0:1")).isEqualTo("2001:db8:0:1::1");
    assertThat(v6("2001:db8:1:2:3:4:5:6")).isEqualTo("2001:db8:1:2:3:4:5:6");
    assertThat(v6("1:0:2:3:4:5:6:7")).isEqualTo("1:0:2:3:4:5:6:7");
  }

  @Test
  void boundAddressesAsGoReportsThem() throws Exception {
    assertThat(Addresses.format(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 80))).isEqualTo("127.0.0.1:80");
    assertThat(Addresses.format(new InetSocketAddress(InetAddress.getByName("::1"), 80))).isEqualTo("[::1]:80");
    assertThat(Addresses.format(new InetSocketAddress(81))).isEqualTo("[::]:81");
  }
}
