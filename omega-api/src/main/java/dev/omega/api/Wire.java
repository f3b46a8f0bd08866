package dev.omega.api;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.InputStream;

/**
 * The wire contract of the HTTP API v1, shared by the server and the client: one JSON mapper (field
 * names in snake_case, as in the configuration) and the OpenAPI document.
 */
public final class Wire {
  /** Problem details (RFC 9457). */
  public static final String PROBLEM_JSON = "application/problem+json";

  /** The digest header of uploads and downloads (RFC 9530). */
  public static final String REPR_DIGEST = "Repr-Digest";

  /**
   * The optional header of an upload that gives the file's modification time (milliseconds since
   * the epoch), which the stored file then keeps, as {@code rsync -a} does.
   */
  public static final String MTIME = "Omega-Mtime";

  /** Where the API lives on a server. */
  public static final String BASE_PATH = "/api/v1";

  /** Threadsafe once built, as Jackson's mappers are. */
  public static final ObjectMapper JSON =
      JsonMapper.builder()
          .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
          .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .build();

  private Wire() {}

  /** The OpenAPI 3.1 document, as the server serves it at {@code /api/v1/openapi.yaml}. */
  public static InputStream openApi() {
    return Wire.class.getResourceAsStream("openapi.yaml");
  }

  /** {@code sha-256=:<base64>:} for a hex SHA-256, as RFC 9530 writes it. */
  public static String reprDigest(String sha256Hex) {
    byte[] raw = java.util.HexFormat.of().parseHex(sha256Hex);
    return "sha-256=:" + java.util.Base64.getEncoder().encodeToString(raw) + ":";
  }

  /** The hex SHA-256 of a {@code Repr-Digest} header, when it has one. */
  public static java.util.Optional<String> sha256Of(String header) {
    if (header == null) {
      return java.util.Optional.empty();
    }
    for (String part : header.split(",")) {
      String item = part.strip();
      if (item.startsWith("sha-256=:") && item.endsWith(":") && item.length() > 10) {
        try {
          byte[] raw = java.util.Base64.getDecoder().decode(item.substring(9, item.length() - 1));
          return java.util.Optional.of(java.util.HexFormat.of().formatHex(raw));
        } catch (IllegalArgumentException notBase64) {
          return java.util.Optional.empty();
        }
      }
    }
    return java.util.Optional.empty();
  }
}
