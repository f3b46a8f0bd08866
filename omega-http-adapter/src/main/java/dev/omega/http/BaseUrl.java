package dev.omega.http;

import static java.util.Objects.requireNonNull;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Which server URLs the client talks to (spec 6.2): https anywhere, plain http only to a loopback
 * address, decided from the URL's text alone (no name is looked up, so a DNS answer cannot turn a
 * remote host into a "local" one).
 */
final class BaseUrl {
  private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

  private BaseUrl() {}

  /**
   * The URL without a trailing slash.
   *
   * @throws IllegalArgumentException saying what is wrong and what to use instead
   */
  static URI check(URI url) {
    requireNonNull(url, "baseUrl");
    if (!url.isAbsolute() || url.isOpaque() || url.getHost() == null) {
      throw new IllegalArgumentException(
          "the server URL must be absolute with a host, like https://omega.example.com");
    }
    if (url.getRawUserInfo() != null) {
      throw new IllegalArgumentException(
          "the server URL must not carry credentials; the apikey is configured on its own");
    }
    if (url.getRawQuery() != null || url.getRawFragment() != null) {
      throw new IllegalArgumentException(
          "the server URL is the server's root; remove the query or fragment from " + safe(url));
    }
    String scheme = url.getScheme().toLowerCase(Locale.ROOT);
    if (scheme.equals("http")) {
      if (!isLoopback(url.getHost())) {
        throw new IllegalArgumentException(
            "refusing plain http to "
                + url.getHost()
                + ": the apikey would travel unencrypted. Use https://"
                + url.getRawAuthority()
                + " (plain http is accepted only for the local platform on a loopback address)");
      }
    } else if (!scheme.equals("https")) {
      throw new IllegalArgumentException(
          "the server URL must start with https:// (or http:// for a loopback address); got "
              + scheme
              + "://");
    }
    String text = url.toString();
    while (text.endsWith("/")) {
      text = text.substring(0, text.length() - 1);
    }
    return URI.create(text);
  }

  /** 127.0.0.0/8, ::1 and {@code localhost}, from the text only. */
  static boolean isLoopback(String host) {
    String h = host.toLowerCase(Locale.ROOT);
    if (h.equals("localhost") || h.equals("localhost.")) {
      return true;
    }
    if (IPV4.matcher(h).matches()) {
      String[] octets = h.split("\\.");
      for (String octet : octets) {
        if (Integer.parseInt(octet) > 255) {
          return false;
        }
      }
      return octets[0].equals("127");
    }
    if (h.startsWith("[") && h.endsWith("]") && h.indexOf(':') > 0) {
      try {
        // An IPv6 literal (it has a colon): parsed, never looked up.
        return InetAddress.getByName(h.substring(1, h.length() - 1)).isLoopbackAddress();
      } catch (UnknownHostException notAnAddress) {
        return false;
      }
    }
    return false;
  }

  private static String safe(URI url) {
    return url.getScheme() + "://" + url.getRawAuthority() + url.getRawPath();
  }
}
