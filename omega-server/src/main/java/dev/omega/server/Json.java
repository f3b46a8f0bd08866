package dev.omega.server;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.omega.api.Wire;

/** What the database stores as JSON, written and read with the wire's mapper. */
final class Json {
  private Json() {}

  static String write(Object value) {
    try {
      return Wire.JSON.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write " + value.getClass().getSimpleName(), e);
    }
  }

  static <T> T read(String json, Class<T> type) {
    try {
      return Wire.JSON.readValue(json, type);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("the database holds a damaged " + type.getSimpleName(), e);
    }
  }
}
